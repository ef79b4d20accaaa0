#!/usr/bin/env python3
"""Raw-socket HTTP/1.1 against a real `hookbench-cli listen`: framing edge cases and bad input.

For every request the listener accepts, the stored raw bytes must equal the bytes sent, byte for
byte. Bad input must be answered 400, still be captured with its bytes and parse error, and must not
stop other connections from being served.
"""

import socket
import time
import unittest

import hbe2e
from hbe2e import ResponseReader, get, post


def send_in_pieces(sock, data, sizes=(1, 2, 3, 5, 7, 11)):
    """Sends data in many small writes. The tiny pause between writes is pacing, not
    synchronisation: it makes each piece its own TCP segment so the listener really sees the
    request arrive a few bytes at a time (nothing waits on it)."""
    offset = 0
    i = 0
    while offset < len(data):
        n = sizes[i % len(sizes)]
        sock.sendall(data[offset:offset + n])
        offset += n
        i += 1
        time.sleep(0.001)
    return i


CHUNKED_WITH_EXTENSIONS_AND_TRAILERS = (
    b"POST /hooks/chunked?x=1 HTTP/1.1\r\n"
    b"Host: hookbench.test\r\n"
    b"Content-Type: text/plain\r\n"
    b"Transfer-Encoding: chunked\r\n"
    b"Trailer: X-Checksum, X-Other\r\n"
    b"\r\n"
    b"5;name=value\r\n"
    b"hello\r\n"
    b"6;quoted=\"a b; c\";flag\r\n"
    b" world\r\n"
    b"A\r\n"
    b"0123\r\n4567\r\n"  # chunk data may hold CRLF: 10 bytes
    b"0;last=yes\r\n"
    b"X-Checksum: sha256=abc\r\n"
    b"X-Other: 1\r\n"
    b"\r\n")
CHUNKED_DECODED_SIZE = 5 + 6 + 10


class RawSocketTest(hbe2e.E2ETestCase):

    def assert_all_ok_and_stored(self, listener, requests, responses):
        for r in responses:
            self.assertEqual(r.status, 200, r)
            self.assertIsNone(r.header("Connection"), "keep-alive responses carry no 'Connection'")
        lines = listener.jsonl_lines(len(requests))
        self.stop_listener(listener)
        captures = self.export_jsonl()
        self.assertEqual(len(captures), len(requests))
        for i, (req, cap, line) in enumerate(zip(requests, captures, lines)):
            self.assertEqual(cap["id"], line["id"])
            self.assertRawEqual(cap["raw"], req, "request %d" % i)
            self.assertIsNone(cap["parse_error"])
            self.assertEqual(cap["status"], 200)
        return captures

    def test_two_requests_pipelined_in_one_send(self):
        listener = self.start_listener()
        requests = [post("/hooks/first", b'{"n":1}'), get("/hooks/second?q=2")]
        with listener.connect() as s:
            s.sendall(b"".join(requests))
            reader = ResponseReader(s)
            responses = [reader.read(), reader.read()]
            # the connection stays usable after the pipelined pair
            requests.append(post("/hooks/third", b"three", b"text/plain"))
            s.sendall(requests[-1])
            responses.append(reader.read())
        captures = self.assert_all_ok_and_stored(listener, requests, responses)
        self.assertEqual([c["target"] for c in captures],
                         ["/hooks/first", "/hooks/second?q=2", "/hooks/third"])
        self.assertEqual([c["method"] for c in captures], ["POST", "GET", "POST"])

    def test_request_split_into_many_small_sends(self):
        listener = self.start_listener()
        body = b'{"event":"split","data":"' + b"x" * 300 + b'"}'
        requests = [post("/hooks/split", body, extra=b"X-Split: yes\r\n"),
                    CHUNKED_WITH_EXTENSIONS_AND_TRAILERS]
        responses = []
        with listener.connect() as s:
            reader = ResponseReader(s)
            for req in requests:
                pieces = send_in_pieces(s, req)
                self.assertGreater(pieces, 50)
                responses.append(reader.read())
        captures = self.assert_all_ok_and_stored(listener, requests, responses)
        self.assertEqual(captures[0]["body_size"], len(body))
        self.assertEqual(captures[1]["body_size"], CHUNKED_DECODED_SIZE)

    def test_chunked_with_extensions_and_trailers(self):
        listener = self.start_listener()
        # a second request right behind the trailers, in the same send: the listener must find
        # the exact end of the chunked message
        requests = [CHUNKED_WITH_EXTENSIONS_AND_TRAILERS, get("/after-trailers")]
        with listener.connect() as s:
            s.sendall(b"".join(requests))
            reader = ResponseReader(s)
            responses = [reader.read(), reader.read()]
        captures = self.assert_all_ok_and_stored(listener, requests, responses)
        self.assertEqual(captures[0]["body_size"], CHUNKED_DECODED_SIZE)
        self.assertEqual(captures[0]["target"], "/hooks/chunked?x=1")
        self.assertEqual(captures[1]["target"], "/after-trailers")

    BAD_REQUESTS = [
        ("request line: not HTTP", b"this is not http\r\n\r\n"),
        ("request line: junk after the version",
         b"GET /x HTTP/1.1 junk\r\nHost: hookbench.test\r\n\r\n"),
        ("request line: space inside the target",
         b"GET /a b HTTP/1.1\r\nHost: hookbench.test\r\n\r\n"),
        ("bad chunk size",
         b"POST /hooks/c HTTP/1.1\r\nHost: hookbench.test\r\nTransfer-Encoding: chunked\r\n\r\n"
         b"zz\r\nhello\r\n0\r\n\r\n"),
        ("invalid header name: separator",
         b"POST /hooks/h HTTP/1.1\r\nHost: hookbench.test\r\nX(y): 1\r\nContent-Length: 0\r\n\r\n"),
        ("invalid header name: control character",
         b"POST /hooks/h HTTP/1.1\r\nHost: hookbench.test\r\nX-Bad\x01: 1\r\n"
         b"Content-Length: 0\r\n\r\n"),
        ("Content-Length and Transfer-Encoding together",
         b"POST /hooks/h HTTP/1.1\r\nHost: hookbench.test\r\nContent-Length: 5\r\n"
         b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        # strict llhttp: a chunk's data must be followed by CRLF (http-parser took the next bytes)
        ("bytes after a chunk's data",
         b"POST /hooks/c HTTP/1.1\r\nHost: hookbench.test\r\nTransfer-Encoding: chunked\r\n\r\n"
         b"5\r\nhelloXX0\r\n\r\n"),
        ("chunked twice",
         b"POST /hooks/c HTTP/1.1\r\nHost: hookbench.test\r\nTransfer-Encoding: chunked\r\n"
         b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
    ]

    def test_malformed_requests_are_answered_400_and_captured(self):
        listener = self.start_listener()
        # a keep-alive connection opened before the bad input must keep being served after it
        keeper = listener.connect()
        self.addCleanup(keeper.close)
        keeper_reader = ResponseReader(keeper)
        before = post("/hooks/before", b"{}")
        keeper.sendall(before)
        self.assertEqual(keeper_reader.read().status, 200)
        listener.next_jsonl()

        for name, request in self.BAD_REQUESTS:
            with self.subTest(name), listener.connect() as s:
                s.sendall(request)
                reader = ResponseReader(s)
                r = reader.read()
                self.assertEqual(r.status, 400, r)
                self.assertEqual(r.header("Connection"), b"close")
                self.assertTrue(r.body.strip(), "the 400 should say what is wrong")
                reader.expect_eof()
                line = listener.next_jsonl()
                self.assertEqual(line["status"], 400)

        after = post("/hooks/after", b'{"still":"served"}')
        keeper.sendall(after)
        self.assertEqual(keeper_reader.read().status, 200)
        fresh = get("/hooks/fresh")
        self.assertEqual(hbe2e.exchange(listener.host, listener.port, fresh).status, 200)
        self.stop_listener(listener)

        captures = self.export_jsonl()
        self.assertEqual(len(captures), len(self.BAD_REQUESTS) + 3)
        self.assertRawEqual(captures[0]["raw"], before)
        for (name, request), cap in zip(self.BAD_REQUESTS, captures[1:]):
            with self.subTest(name):
                self.assertEqual(cap["status"], 400)
                self.assertIsInstance(cap["parse_error"], str)
                self.assertTrue(cap["parse_error"], "the parse error should be stored")
                self.assertRawEqual(cap["raw"], request, name)
        self.assertRawEqual(captures[-2]["raw"], after)
        self.assertEqual(captures[-2]["status"], 200)
        self.assertRawEqual(captures[-1]["raw"], fresh)

    def check_rejected_400(self, request):
        listener = self.start_listener()
        r = hbe2e.exchange(listener.host, listener.port, request)
        listener.next_jsonl()
        self.stop_listener(listener)
        captures = self.export_jsonl()
        self.assertEqual(len(captures), 1)
        self.assertRawEqual(captures[0]["raw"], request)
        self.assertEqual(r.status, 400, "accepted instead of rejected: %r" % r)
        self.assertTrue(captures[0]["parse_error"])

    # Hookbench is an origin server: CONNECT and proxy requests (absolute form naming another host)
    # are captured and answered 405, never tunnelled or forwarded.
    def check_not_a_proxy(self, request):
        listener = self.start_listener()
        r = hbe2e.exchange(listener.host, listener.port, request)
        line = listener.next_jsonl()
        self.stop_listener(listener)
        self.assertEqual(r.status, 405, r)
        self.assertTrue(r.header("Allow"))
        self.assertEqual(line["status"], 405)
        captures = self.export_jsonl()
        self.assertEqual(len(captures), 1)
        self.assertRawEqual(captures[0]["raw"], request)
        self.assertIn("not a proxy", captures[0]["parse_error"])

    def test_connect_is_answered_405(self):
        self.check_not_a_proxy(b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")

    def test_proxy_request_is_answered_405(self):
        self.check_not_a_proxy(b"GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n")

    # Regression: whitespace between a header name and its colon ("X-Test : 1") must be
    # answered 400 (RFC 9112 section 5.1). It is also a smuggling vector: "Transfer-Encoding : chunked" is
    # taken as an ordinary header, so the body is framed by Content-Length instead.
    # llhttp (strict) refuses it; RequestFramer checks names itself too.
    def test_whitespace_before_header_colon_is_rejected(self):
        self.check_rejected_400(b"POST /hooks/h HTTP/1.1\r\nHost: hookbench.test\r\n"
                                b"X-Test : 1\r\nContent-Length: 0\r\n\r\n")

    # Regression: a space inside a header name ("Bad Header: 1") is malformed;
    # a field name is a token (RFC 9110 section 5.1), so this is malformed and should be 400.
    def test_space_inside_header_name_is_rejected(self):
        self.check_rejected_400(b"POST /hooks/h HTTP/1.1\r\nHost: hookbench.test\r\n"
                                b"Bad Header: 1\r\nContent-Length: 0\r\n\r\n")

    # Regression: "GET /x HTTQ/1.1" is not HTTP/1.1; the non-strict parser does not check
    # the letters of "HTTP", so RequestFramer does.
    def test_misspelt_protocol_name_is_rejected(self):
        self.check_rejected_400(b"GET /x HTTQ/1.1\r\nHost: hookbench.test\r\n\r\n")


class IPv6Test(hbe2e.E2ETestCase):

    def setUp(self):
        super().setUp()
        probe = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        try:
            probe.bind(("::1", 0))
        except OSError as e:
            self.skipTest("no IPv6 loopback on this machine: %s" % e)
        finally:
            probe.close()

    def test_ipv6_loopback(self):
        listener = self.start_listener(bind="::1")
        self.assertEqual(listener.host, "::1")
        self.assertTrue(listener.url.startswith("http://[::1]:"), listener.url)
        self.assertNotIn("warning", listener.stderr_text(), "::1 is loopback: no warning")
        raw = post("/hooks/v6", b'{"family":"inet6"}')
        with hbe2e.connect("::1", listener.port) as s:
            self.assertEqual(s.family, socket.AF_INET6)
            s.sendall(raw)
            self.assertEqual(ResponseReader(s).read().status, 200)
        rc, code, err = self.curl("-g", "-H", "Content-Type: application/json",
                                  "--data-binary", "{}", listener.url + "/hooks/v6-curl")
        self.assertEqual((rc, code), (0, 200), err)
        listener.jsonl_lines(2)
        # not reachable over IPv4 when bound to ::1 only
        with self.assertRaises(OSError):
            hbe2e.connect("127.0.0.1", listener.port, timeout=5).close()
        self.stop_listener(listener)

        captures = self.export_jsonl()
        self.assertEqual(len(captures), 2)
        self.assertRawEqual(captures[0]["raw"], raw)
        for cap in captures:
            self.assertTrue(cap["peer"].startswith("[::1]:"), cap["peer"])
        self.assertEqual(captures[1]["target"], "/hooks/v6-curl")


if __name__ == "__main__":
    hbe2e.main()
