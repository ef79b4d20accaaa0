#!/usr/bin/env python3
"""Listener limits end to end: 431, 413, 408, idle close and the connection cap.

The default limits (64 KiB header section, 64 MiB body) are tested without a config; the rest use
"listen.limits" from a config file so that the requests stay small and the timeouts short.
"""

import time
import unittest

import hbe2e
from hbe2e import ResponseReader, get, post


def header_section(total, path=b"/hooks/h"):
    """A request with no body whose header section (up to and including the blank line) is
    exactly `total` bytes."""
    head = b"POST " + path + b" HTTP/1.1\r\nHost: hookbench.test\r\nContent-Length: 0\r\nX-Pad: "
    tail = b"\r\n\r\n"
    pad = total - len(head) - len(tail)
    assert pad >= 0
    return head + b"p" * pad + tail


class LimitsTest(hbe2e.E2ETestCase):

    def expect_rejection(self, listener, request, status):
        """Sends request on its own connection; asserts status, 'Connection: close' and EOF."""
        with listener.connect() as s:
            s.sendall(request)
            reader = ResponseReader(s)
            r = reader.read()
            self.assertEqual(r.status, status, r)
            self.assertEqual(r.header("Connection"), b"close")
            reader.expect_eof()
        line = listener.next_jsonl()
        self.assertEqual(line["status"], status)
        return r

    def expect_ok(self, listener, request):
        r = hbe2e.exchange(listener.host, listener.port, request)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(listener.next_jsonl()["status"], 200)

    def test_default_limits_431_and_413(self):
        listener = self.start_listener()
        just_under = header_section(60 * 1024)
        self.expect_ok(listener, just_under)
        oversize = header_section(70000)
        r = self.expect_rejection(listener, oversize, 431)
        self.assertEqual(r.reason, "Request Header Fields Too Large")
        # only the headers: the declared length alone must be refused, before any body arrives
        too_long = (b"POST /hooks/huge HTTP/1.1\r\nHost: hookbench.test\r\n"
                    b"Content-Type: application/octet-stream\r\nContent-Length: 70000000\r\n\r\n")
        self.expect_rejection(listener, too_long, 413)
        after = post("/hooks/after", b"{}")
        self.expect_ok(listener, after)
        self.stop_listener(listener)

        caps = self.export_jsonl()
        self.assertEqual([c["status"] for c in caps], [200, 431, 413, 200])
        self.assertRawEqual(caps[0]["raw"], just_under)
        self.assertTrue(oversize.startswith(caps[1]["raw"]),
                        "a 431 capture holds a prefix of what was sent")
        self.assertGreater(len(caps[1]["raw"]), 64 * 1024)
        self.assertIn("limit", caps[1]["parse_error"])
        self.assertRawEqual(caps[2]["raw"], too_long)
        self.assertIn("70000000", caps[2]["parse_error"])
        self.assertRawEqual(caps[3]["raw"], after)

    def test_configured_body_and_header_limits(self):
        config = self.write_config({"listen": {"limits": {"max_body_bytes": 1024,
                                                          "max_header_bytes": 1024}}})
        listener = self.start_listener(config=config)
        at_limit = post("/hooks/at-limit", b"a" * 1024, b"text/plain")
        self.expect_ok(listener, at_limit)
        # the limit is on the decoded body: 1024 bytes in two chunks (more on the wire) is fine
        chunked_at_limit = (b"POST /hooks/chunked HTTP/1.1\r\nHost: hookbench.test\r\n"
                            b"Transfer-Encoding: chunked\r\n\r\n"
                            b"200\r\n" + b"b" * 512 + b"\r\n200\r\n" + b"c" * 512
                            + b"\r\n0\r\n\r\n")
        self.expect_ok(listener, chunked_at_limit)
        over_declared = (b"POST /hooks/over HTTP/1.1\r\nHost: hookbench.test\r\n"
                         b"Content-Length: 1025\r\n\r\n")
        self.expect_rejection(listener, over_declared, 413)
        chunked_over = (b"POST /hooks/chunked-over HTTP/1.1\r\nHost: hookbench.test\r\n"
                        b"Transfer-Encoding: chunked\r\n\r\n"
                        b"200\r\n" + b"d" * 512 + b"\r\n201\r\n" + b"e" * 513 + b"\r\n0\r\n\r\n")
        self.expect_rejection(listener, chunked_over, 413)
        headers_ok = header_section(1000)
        self.expect_ok(listener, headers_ok)
        headers_over = header_section(1100)
        self.expect_rejection(listener, headers_over, 431)
        self.stop_listener(listener)

        caps = self.export_jsonl()
        self.assertEqual([c["status"] for c in caps], [200, 200, 413, 413, 200, 431])
        self.assertRawEqual(caps[0]["raw"], at_limit)
        self.assertRawEqual(caps[1]["raw"], chunked_at_limit)
        self.assertEqual(caps[1]["body_size"], 1024)
        self.assertRawEqual(caps[2]["raw"], over_declared)
        self.assertTrue(chunked_over.startswith(caps[3]["raw"]))
        self.assertGreater(len(caps[3]["raw"]), chunked_over.index(b"\r\n\r\n") + 4)
        self.assertRawEqual(caps[4]["raw"], headers_ok)
        self.assertTrue(headers_over.startswith(caps[5]["raw"]))
        for c in caps[2:4] + caps[5:]:
            self.assertTrue(c["parse_error"])

    # Regression: the whole header section (request line, fields, blank line) counts against
    # max_header_bytes: 1024 -> 200, 1025 -> 431.
    def test_header_limit_boundary_is_exact(self):
        config = self.write_config({"listen": {"limits": {"max_header_bytes": 1024}}})
        listener = self.start_listener(config=config)
        self.expect_ok(listener, header_section(1024))
        r = hbe2e.exchange(listener.host, listener.port, header_section(1025))
        listener.next_jsonl()
        self.stop_listener(listener)
        self.assertEqual(r.status, 431, "a 1025-byte header section over a 1024-byte limit")

    def test_header_and_body_timeouts_408(self):
        config = self.write_config({"listen": {"limits": {"header_timeout_ms": 300,
                                                          "idle_timeout_ms": 400}}})
        listener = self.start_listener(config=config)
        partial_headers = b"POST /hooks/slow HTTP/1.1\r\nHost: hookbench.test\r\nX-Half: "
        started = time.monotonic()
        r = self.expect_rejection(listener, partial_headers, 408)
        self.assertGreaterEqual(time.monotonic() - started, 0.25, "408 came before the timeout")
        self.assertEqual(r.reason, "Request Timeout")
        stalled_body = (b"POST /hooks/stalled HTTP/1.1\r\nHost: hookbench.test\r\n"
                        b"Content-Length: 100\r\n\r\n0123456789")
        self.expect_rejection(listener, stalled_body, 408)
        # an idle keep-alive connection is closed without a response and without a capture
        with listener.connect() as s:
            ok = get("/hooks/idle")
            s.sendall(ok)
            reader = ResponseReader(s)
            self.assertEqual(reader.read().status, 200)
            reader.expect_eof()
        listener.next_jsonl()
        self.stop_listener(listener)

        caps = self.export_jsonl()
        self.assertEqual([c["status"] for c in caps], [408, 408, 200])
        self.assertRawEqual(caps[0]["raw"], partial_headers)
        self.assertIn("Headers not complete", caps[0]["parse_error"])
        self.assertEqual(caps[0]["target"], "/hooks/slow")
        self.assertRawEqual(caps[1]["raw"], stalled_body)
        self.assertTrue(caps[1]["parse_error"])
        self.assertRawEqual(caps[2]["raw"], ok)

    def test_connection_cap_503(self):
        config = self.write_config({"listen": {"limits": {"max_connections": 2}}})
        listener = self.start_listener(config=config)
        held = []
        for i in range(2):
            s = listener.connect()
            self.addCleanup(s.close)
            s.sendall(get("/hooks/held-%d" % i))
            self.assertEqual(ResponseReader(s).read().status, 200)
            held.append(s)
        with listener.connect() as third:
            reader = ResponseReader(third)
            r = reader.read()
            self.assertEqual(r.status, 503, r)
            reader.expect_eof()
        held[0].close()
        # the freed slot is reused once the listener has seen the close: poll on sockets
        deadline = time.monotonic() + 10
        status = None
        while status != 200 and time.monotonic() < deadline:
            try:
                status = hbe2e.exchange(listener.host, listener.port,
                                        get("/hooks/after-close")).status
            except OSError:  # a 503 answer may race our request with the close: try again
                status = None
        self.assertEqual(status, 200, "a closed connection should free its slot")
        # the held connection is still served
        held[1].sendall(get("/hooks/held-again"))
        self.assertEqual(ResponseReader(held[1]).read().status, 200)
        self.stop_listener(listener)
        targets = [c["target"] for c in self.export_jsonl()]
        self.assertEqual(targets, ["/hooks/held-0", "/hooks/held-1", "/hooks/after-close",
                                   "/hooks/held-again"])


if __name__ == "__main__":
    hbe2e.main()
