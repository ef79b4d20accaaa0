"""Shared helpers for the Hookbench end-to-end tests.

Only the Python standard library is used. Every wait is bounded by a timeout and waits on something
observable (a line from the process, a socket, a thread), never on a fixed sleep.

Usage in a test file:

    import hbe2e
    class MyTest(hbe2e.E2ETestCase):
        def test_x(self):
            listener = self.start_listener()
            ...
            self.stop_listener(listener)        # SIGTERM, asserts exit code 0
            captures = self.export_jsonl()      # list of dicts, "raw" holds the decoded bytes
    if __name__ == "__main__":
        hbe2e.main()
"""

import base64
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

CLI = None  # path of hookbench-cli, set by main() from argv[1]

STARTUP_TIMEOUT = 20.0
IO_TIMEOUT = 20.0

LISTENING_RE = re.compile(r"listening on http://(\[[^\]]+\]|[^:/]+):(\d+), storing in ")


# --------------------------------------------------------------------------------------------
# The listener process


class Listener:
    """A running `hookbench-cli listen --port 0`; threads read its stdout (jsonl) and stderr."""

    def __init__(self, store, config=None, bind=None, jsonl=True, extra_args=()):
        args = [CLI, "listen", "--port", "0", "--store", store]
        if config is not None:
            args += ["--config", config]
        if bind is not None:
            args += ["--bind", bind]
        if jsonl:
            args.append("--jsonl")
        args += list(extra_args)
        self.args = args
        self.store = store
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.stdout_lines = queue.Queue()
        self.stderr_lines = []
        self._stderr_queue = queue.Queue()
        self._threads = [
            threading.Thread(target=self._pump, args=(self.proc.stdout, self.stdout_lines, None),
                             daemon=True),
            threading.Thread(target=self._pump,
                             args=(self.proc.stderr, self._stderr_queue, self.stderr_lines),
                             daemon=True),
        ]
        for t in self._threads:
            t.start()
        self.host, self.port = self._wait_until_listening()

    @staticmethod
    def _pump(stream, lines, keep):
        for line in iter(stream.readline, b""):
            if keep is not None:
                keep.append(line)
            lines.put(line)
        lines.put(None)  # end of stream

    def _wait_until_listening(self):
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.kill()
                raise AssertionError("hookbench-cli did not report 'listening on' within %.0f s; "
                                     "stderr: %r" % (STARTUP_TIMEOUT, b"".join(self.stderr_lines)))
            try:
                line = self._stderr_queue.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                code = self.proc.wait(timeout=IO_TIMEOUT)
                raise AssertionError("hookbench-cli exited (%s) before listening; stderr: %r"
                                     % (code, b"".join(self.stderr_lines)))
            m = LISTENING_RE.search(line.decode("utf-8", "replace"))
            if m:
                host = m.group(1)
                if host.startswith("["):
                    host = host[1:-1]
                return host, int(m.group(2))

    @property
    def family(self):
        return socket.AF_INET6 if ":" in self.host else socket.AF_INET

    @property
    def url(self):
        host = "[%s]" % self.host if ":" in self.host else self.host
        return "http://%s:%d" % (host, self.port)

    def connect(self, timeout=IO_TIMEOUT):
        return connect(self.host, self.port, timeout)

    def next_jsonl(self, timeout=IO_TIMEOUT):
        """The next line the listener printed on stdout, parsed as JSON."""
        try:
            line = self.stdout_lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError("no jsonl line on stdout within %.0f s" % timeout)
        if line is None:
            raise AssertionError("stdout closed while waiting for a jsonl line")
        return json.loads(line)

    def jsonl_lines(self, count, timeout=IO_TIMEOUT):
        return [self.next_jsonl(timeout) for _ in range(count)]

    def terminate(self, timeout=IO_TIMEOUT):
        """SIGTERM and wait; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError("hookbench-cli did not exit within %.0f s of SIGTERM" % timeout)
        for t in self._threads:
            t.join(timeout)
        return code

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for t in self._threads:
            t.join(IO_TIMEOUT)  # the pumps end at EOF, once the process is gone
        for stream in (self.proc.stdout, self.proc.stderr):
            stream.close()

    def stderr_text(self):
        return b"".join(self.stderr_lines).decode("utf-8", "replace")


def run_cli(*args, timeout=60, input_bytes=None):
    """Runs hookbench-cli to completion; returns the CompletedProcess (stdout/stderr as bytes)."""
    return subprocess.run([CLI] + [str(a) for a in args], input=input_bytes,
                          stdin=None if input_bytes is not None else subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)


# --------------------------------------------------------------------------------------------
# HTTP over raw sockets


def connect(host, port, timeout=IO_TIMEOUT):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        s.connect((host, port))
    except OSError:
        s.close()
        raise
    return s


class Response:
    def __init__(self, status, reason, headers, body, raw):
        self.status = status
        self.reason = reason
        self.headers = headers  # list of (name, value) as bytes, in order
        self.body = body
        self.raw = raw

    def header(self, name):
        name = name.lower().encode() if isinstance(name, str) else name.lower()
        for n, v in self.headers:
            if n.lower() == name:
                return v
        return None

    def __repr__(self):
        return "Response(%d %r, %r)" % (self.status, self.reason, self.raw[:300])


class ResponseReader:
    """Reads HTTP/1.1 responses (framed by Content-Length, as Hookbench sends them)."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""
        self.eof = False

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            self.eof = True
            raise ConnectionError("connection closed by the server; unread: %r" % self.buf[:200])
        self.buf += data

    def read(self):
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, _, rest = self.buf.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        version, status, reason = (lines[0].split(b" ", 2) + [b""])[:3]
        if not version.startswith(b"HTTP/1."):
            raise AssertionError("not an HTTP response: %r" % head[:200])
        headers = []
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers.append((name, value.strip()))
        length = 0
        for name, value in headers:
            if name.lower() == b"content-length":
                length = int(value)
        status = int(status)
        if 100 <= status < 200:
            length = 0
        self.buf = rest
        while len(self.buf) < length:
            self._fill()
        body, self.buf = self.buf[:length], self.buf[length:]
        return Response(status, reason.decode("latin-1"), headers, body,
                        head + b"\r\n\r\n" + body)

    def read_final(self):
        """Skips 1xx interim responses; returns (interim list, final response)."""
        interim = []
        while True:
            r = self.read()
            if r.status >= 200:
                return interim, r
            interim.append(r)

    def expect_eof(self):
        """Asserts that the server closes the connection (with nothing more sent)."""
        while True:
            data = self.sock.recv(65536)
            if not data:
                break
            self.buf += data
        if self.buf:
            raise AssertionError("unexpected bytes before the connection closed: %r"
                                 % self.buf[:200])


def exchange(host, port, request, timeout=IO_TIMEOUT):
    """One request on a fresh connection; returns the final response."""
    with connect(host, port, timeout) as s:
        s.sendall(request)
        return ResponseReader(s).read_final()[1]


def post(path, body, content_type=b"application/json", extra=b"", host=b"hookbench.test"):
    if isinstance(body, str):
        body = body.encode()
    if isinstance(path, str):
        path = path.encode()
    return (b"POST " + path + b" HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: " + content_type
            + b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n" + extra + b"\r\n" + body)


def get(path, extra=b""):
    if isinstance(path, str):
        path = path.encode()
    return b"GET " + path + b" HTTP/1.1\r\nHost: hookbench.test\r\n" + extra + b"\r\n"


# --------------------------------------------------------------------------------------------
# A recording TCP proxy, to know the exact bytes an external client (curl) sent


class RecordingProxy:
    """Listens on loopback, forwards each connection to the listener, records both directions."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        self.connections = []  # dicts: {"sent": bytearray, "received": bytearray, "threads": [...]}
        self._lock = threading.Lock()
        self._closed = False
        self._accepter = threading.Thread(target=self._accept, daemon=True)
        self._accepter.start()

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = connect(*self.target)
            upstream.settimeout(None)
            client.settimeout(None)
            conn = {"sent": bytearray(), "received": bytearray(), "threads": []}
            for src, dst, record in ((client, upstream, conn["sent"]),
                                     (upstream, client, conn["received"])):
                t = threading.Thread(target=self._pump, args=(src, dst, record), daemon=True)
                conn["threads"].append(t)
            with self._lock:
                self.connections.append(conn)
            for t in conn["threads"]:
                t.start()

    @staticmethod
    def _pump(src, dst, record):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                record += data
                dst.sendall(data)
        except OSError:
            pass
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def finished_connections(self, timeout=IO_TIMEOUT):
        """Waits until every proxied connection closed both ways; returns [(sent, received)]."""
        deadline = time.monotonic() + timeout
        with self._lock:
            conns = list(self.connections)
        for conn in conns:
            for t in conn["threads"]:
                t.join(max(0.0, deadline - time.monotonic()))
                if t.is_alive():
                    raise AssertionError("a proxied connection is still open after %.0f s"
                                         % timeout)
        return [(bytes(c["sent"]), bytes(c["received"])) for c in conns]

    def close(self):
        try:
            self.server.close()
        except OSError:
            pass


# --------------------------------------------------------------------------------------------
# Test base class


class E2ETestCase(unittest.TestCase):
    maxDiff = 2000

    def setUp(self):
        tmp = tempfile.TemporaryDirectory(prefix="hookbench-e2e-")
        self.addCleanup(tmp.cleanup)
        self.tmp = tmp.name
        self.store = os.path.join(self.tmp, "captures.sqlite")

    def write_file(self, name, data):
        path = os.path.join(self.tmp, name)
        mode = "wb" if isinstance(data, (bytes, bytearray)) else "w"
        with open(path, mode) as f:
            f.write(data)
        return path

    def write_config(self, obj, name="config.json"):
        return self.write_file(name, json.dumps(obj, indent=2))

    def start_listener(self, **kwargs):
        kwargs.setdefault("store", self.store)
        listener = Listener(**kwargs)
        self.addCleanup(listener.kill)
        return listener

    def stop_listener(self, listener):
        code = listener.terminate()
        self.assertEqual(code, 0, "hookbench-cli listen should exit 0 on SIGTERM; stderr: %s"
                         % listener.stderr_text())

    def export_jsonl(self, store=None, ids=()):
        args = ["export", "--store", store or self.store, "--format", "jsonl"]
        for i in ids:
            args += ["--id", i]
        r = run_cli(*args)
        self.assertEqual(r.returncode, 0, "export failed: %r" % r.stderr)
        captures = []
        for line in r.stdout.splitlines():
            obj = json.loads(line)
            obj["raw"] = base64.b64decode(obj["raw_base64"])
            captures.append(obj)
        return captures

    def export_raw(self, ids, store=None):
        args = ["export", "--store", store or self.store, "--format", "raw"]
        for i in ids:
            args += ["--id", i]
        r = run_cli(*args)
        self.assertEqual(r.returncode, 0, "export failed: %r" % r.stderr)
        return r.stdout

    def assertRawEqual(self, actual, expected, what="capture"):
        """Byte-for-byte comparison with a readable message at the first difference."""
        if actual == expected:
            return
        n = next((i for i, (a, b) in enumerate(zip(actual, expected)) if a != b),
                 min(len(actual), len(expected)))
        self.fail("%s: stored raw bytes differ from the bytes sent at offset %d "
                  "(stored %d bytes, sent %d)\n stored: %r\n sent:   %r"
                  % (what, n, len(actual), len(expected), actual[max(0, n - 40):n + 40],
                     expected[max(0, n - 40):n + 40]))

    def forwards(self, state=None):
        """The store's forwards as `forward list --json` prints them."""
        args = ["forward", "list", "--store", self.store, "--json"]
        if state:
            args += ["--state", state]
        r = run_cli(*args)
        self.assertEqual(r.returncode, 0, r.stderr)
        return [json.loads(line) for line in r.stdout.splitlines()]

    def wait_forwards(self, predicate, what, timeout=90.0):
        """Bounded wait on the store's observable state (an outbox row's next write)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rows = self.forwards()
            if predicate(rows):
                return rows
            time.sleep(0.05)
        self.fail("timed out waiting for %s; forwards: %s" % (what, self.forwards()))

    def curl(self, *args, timeout=60):
        """Runs curl; returns (exit code, http_code as int or 0, stderr text)."""
        cmd = ["curl", "-sS", "--max-time", "30", "-o", os.devnull, "-w", "%{http_code}"]
        cmd += [str(a) for a in args]
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
        code = r.stdout.decode().strip()
        return r.returncode, int(code) if code.isdigit() else 0, r.stderr.decode("utf-8", "replace")


def main():
    global CLI
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        sys.stderr.write("usage: %s PATH/TO/hookbench-cli [unittest options]\n" % sys.argv[0])
        sys.exit(2)
    CLI = os.path.abspath(sys.argv[1])
    unittest.main(argv=[sys.argv[0]] + sys.argv[2:], verbosity=2)
