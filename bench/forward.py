#!/usr/bin/env python3
"""Forwarding throughput to EventBridge: `hookbench-cli listen` forwards every verified Stripe
delivery to a local PutEvents endpoint (tests/e2e/putevents_server.py, which checks each SigV4
signature with botocore). N signed deliveries are sent over a few keep-alive connections; the
figure is N divided by the time from the first send until the last forward is delivered (read
from the store's outbox), so it includes capture, verification, batching and signing.

Then a backlog: the same N deliveries captured while the bus cannot be reached (the rows wait in
the outbox), the listener stopped, the rows queued again (as `forward retry` does), and a new
listener started with the bus reachable; the figure is N over the time until all are delivered.

Usage: bench/forward.py [PATH/TO/hookbench-cli]   (default build/app/hookbench-cli)
Environment: N=20000, CONNECTIONS=4, KEEP=1 (keep the files).
"""
import hashlib, hmac, json, os, re, shutil, socket, sqlite3, subprocess, sys, tempfile, threading, time, urllib.request

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
cli = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build/app/hookbench-cli")
n = int(os.environ.get("N", "20000"))
connections = int(os.environ.get("CONNECTIONS", "4"))
SECRET = b"whsec_bench"
KEY_ID, AWS_SECRET = "AKIDHOOKBENCHBENCH", "bench/not-a-real-secret"


def delivery(i):
    body = b'{"id":"evt_%d","object":"event","type":"invoice.paid","data":{"n":%d}}' % (i, i)
    t = str(int(time.time())).encode()
    sig = hmac.new(SECRET, t + b"." + body, hashlib.sha256).hexdigest().encode()
    return (b"POST /stripe HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
            b"Stripe-Signature: t=" + t + b",v1=" + sig + b"\r\nContent-Length: %d\r\n\r\n"
            % len(body) + body)


def send_all(port, indexes):
    s = socket.create_connection(("127.0.0.1", port))
    for i in indexes:
        s.sendall(delivery(i))
        buf = b""
        while b"\r\n\r\n" not in buf:
            buf += s.recv(65536)
        head, rest = buf.split(b"\r\n\r\n", 1)
        length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
        while len(rest) < length:
            rest += s.recv(65536)
        assert head.startswith(b"HTTP/1.1 200"), head
    s.close()


def main():
    tmp = tempfile.mkdtemp(prefix="hookbench-bench-forward-")
    server = subprocess.Popen(
        [sys.executable, os.path.join(root, "tests/e2e/putevents_server.py"), "--port", "0",
         "--region", "eu-west-1", "--access-key-id", KEY_ID],
        env=dict(os.environ, PUTEVENTS_SECRET_ACCESS_KEY=AWS_SECRET), stdout=subprocess.PIPE)
    bus = "http://127.0.0.1:%d" % int(server.stdout.readline().split()[1])
    store = os.path.join(tmp, "captures.sqlite")
    bench = {"events": n, "connections": connections}
    bench.update(live(tmp, store, bus))
    bench.update(backlog(tmp, bus))
    server.kill()
    server.wait()
    print(json.dumps(bench))
    if os.environ.get("KEEP"):
        print("kept", tmp)
    else:
        shutil.rmtree(tmp)


def start_listener(tmp, store, bus):
    config = os.path.join(tmp, "config.json")
    with open(config, "w") as f:
        json.dump({"endpoints": [{"id": "stripe", "path": "/stripe", "provider": "stripe",
                                  "forward": {"eventbridge": {
                                      "bus": "bench", "region": "eu-west-1", "preset": "stripe",
                                      "endpoint_url": bus}}}]}, f)
    env = dict(os.environ, HB_SECRET=SECRET.decode(), AWS_ACCESS_KEY_ID=KEY_ID,
               AWS_SECRET_ACCESS_KEY=AWS_SECRET)
    listen = subprocess.Popen([cli, "listen", "--port", "0", "--store", store, "--config", config,
                               "--secret-env", "stripe=HB_SECRET"], env=env,
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    for line in listen.stderr:
        m = re.search(rb"listening on http://[^:]+:(\d+)", line)
        if m:
            threading.Thread(target=lambda: listen.stderr.read(), daemon=True).start()
            return listen, int(m.group(1))
    sys.exit("listen did not start")


def capture(port):
    threads = [threading.Thread(target=send_all, args=(port, range(c, n, connections)))
               for c in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def delivered(db):
    dead = db.execute("SELECT error_code, count(*) FROM forward_outbox WHERE state = 'dead' "
                      "GROUP BY 1").fetchall()
    if dead:
        sys.exit("forwards went dead: %s" % dead)
    return db.execute("SELECT count(*) FROM forward_outbox WHERE state = 'delivered'").fetchone()[0]


def wait_all(db):
    while delivered(db) < n:
        time.sleep(0.05)  # a benchmark's polling interval, not a test's synchronisation


def calls(bus):
    with urllib.request.urlopen(bus + "/_received", timeout=30) as r:
        return json.loads(r.read())["requests"]


def live(tmp, store, bus):
    listen, port = start_listener(tmp, store, bus)
    start = time.monotonic()
    capture(port)
    sent = time.monotonic() - start
    db = sqlite3.connect("file:%s?mode=ro" % store, uri=True)
    at_capture_end = delivered(db)
    wait_all(db)
    total = time.monotonic() - start
    listen.terminate()
    listen.wait()
    return {"live_captured_s": round(sent, 2), "live_all_delivered_s": round(total, 2),
            "live_forwarded_per_s": round(n / total),
            "live_delivered_when_capture_ended": at_capture_end,
            "live_entries_per_call": round(n / calls(bus), 1)}


def backlog(tmp, bus):
    store = os.path.join(tmp, "backlog.sqlite")
    with socket.socket() as s:  # a port nobody listens on: every attempt is refused
        s.bind(("127.0.0.1", 0))
        nowhere = "http://127.0.0.1:%d" % s.getsockname()[1]
    listen, port = start_listener(tmp, store, nowhere)
    capture(port)
    listen.terminate()
    listen.wait()
    rw = sqlite3.connect(store)
    rw.execute("UPDATE forward_outbox SET state = 'queued', attempts = 0, next_attempt_ms = 0")
    rw.commit()
    rw.close()
    before = calls(bus)
    start = time.monotonic()
    listen, _ = start_listener(tmp, store, bus)
    wait_all(sqlite3.connect("file:%s?mode=ro" % store, uri=True))
    total = time.monotonic() - start
    listen.terminate()
    listen.wait()
    return {"backlog_delivered_s": round(total, 2), "backlog_forwarded_per_s": round(n / total),
            "backlog_entries_per_call": round(n / (calls(bus) - before), 1)}


if __name__ == "__main__":
    main()
