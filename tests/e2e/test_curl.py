#!/usr/bin/env python3
"""curl against a real `hookbench-cli listen`: the store must hold exactly the bytes curl sent.

curl talks to the listener through a recording TCP proxy (hbe2e.RecordingProxy), so the test knows
the exact bytes that crossed the wire, and compares them with `export --format jsonl`/`raw`.
"""

import json
import os

import hbe2e


class CurlTest(hbe2e.E2ETestCase):

    def run_curl_case(self, path, curl_args, expect_content_type, expect_body_size=None):
        """One curl request through the proxy; returns (bytes sent, bytes received, capture)."""
        listener = self.start_listener()
        proxy = hbe2e.RecordingProxy(listener.host, listener.port)
        self.addCleanup(proxy.close)
        rc, http_code, err = self.curl(*curl_args, proxy.url + path)
        self.assertEqual(rc, 0, "curl failed: " + err)
        self.assertEqual(http_code, 200)
        line = listener.next_jsonl()
        self.assertEqual(line["method"], "POST")
        self.assertEqual(line["target"], path)
        self.assertEqual(line["status"], 200)
        self.assertIsNone(line["endpoint"])
        conns = proxy.finished_connections()
        self.assertEqual(len(conns), 1, "curl should have used one connection")
        sent, received = conns[0]
        self.stop_listener(listener)

        captures = self.export_jsonl()
        self.assertEqual(len(captures), 1)
        cap = captures[0]
        self.assertEqual(cap["id"], line["id"])
        self.assertRawEqual(cap["raw"], sent, "curl " + path)
        self.assertEqual(cap["raw_size"], len(sent))
        self.assertIsNone(cap["parse_error"])
        self.assertEqual(cap["status"], 200)
        self.assertTrue(cap["content_type"].startswith(expect_content_type), cap["content_type"])
        if expect_body_size is not None:
            self.assertEqual(cap["body_size"], expect_body_size)
        # export --format raw writes the same bytes back
        self.assertRawEqual(self.export_raw([cap["id"]]), sent, "export --format raw")
        return sent, received, cap

    def test_post_json(self):
        body = json.dumps({"id": "evt_1", "type": "invoice.paid", "name": "Zoë \u2713",
                           "nested": {"list": [1, 2.5, None, True]}}, ensure_ascii=False,
                          indent=2).encode() + b"\n"
        body_file = self.write_file("body.json", body)
        sent, _, cap = self.run_curl_case(
            "/hooks/json?source=curl",
            ["-H", "Content-Type: application/json", "-H", "X-Request-Id: abc-123",
             "--data-binary", "@" + body_file],
            "application/json", len(body))
        self.assertTrue(sent.endswith(b"\r\n\r\n" + body), "curl did not send the body as given")

    def test_post_form(self):
        sent, _, cap = self.run_curl_case(
            "/hooks/form",
            ["--data-urlencode", "name=Jo Doe & Co", "--data-urlencode", "note=a+b=c/ü",
             "-d", "plain=1"],
            "application/x-www-form-urlencoded")
        body = sent.split(b"\r\n\r\n", 1)[1]
        self.assertEqual(body, b"name=Jo+Doe+%26+Co&note=a%2Bb%3Dc%2F%C3%BC&plain=1")
        self.assertEqual(cap["body_size"], len(body))

    def test_multipart_file_upload(self):
        binary = bytes(range(256)) * 64 + b"\r\n--not-a-boundary\r\n" + bytes(range(255, -1, -1))
        upload = self.write_file("upload.bin", binary)
        sent, _, cap = self.run_curl_case(
            "/hooks/upload",
            ["-F", 'meta={"kind":"file"};type=application/json',
             "-F", "file=@%s;type=application/octet-stream;filename=blob.bin" % upload],
            "multipart/form-data; boundary=")
        self.assertIn(binary, sent, "the uploaded file should be in the request as-is")
        self.assertEqual(cap["body_size"], len(sent.split(b"\r\n\r\n", 1)[1]))

    def test_chunked_upload(self):
        payload = b"".join(b"line %05d of a chunked webhook body\n" % i for i in range(4000))
        body_file = self.write_file("chunked.txt", payload)
        sent, _, cap = self.run_curl_case(
            "/hooks/chunked",
            ["-H", "Transfer-Encoding: chunked", "-H", "Content-Type: text/plain",
             "--data-binary", "@" + body_file],
            "text/plain", len(payload))
        head = sent.split(b"\r\n\r\n", 1)[0]
        self.assertIn(b"\r\nTransfer-Encoding: chunked", head)
        self.assertNotIn(b"Content-Length", head)
        self.assertTrue(sent.endswith(b"\r\n0\r\n\r\n"), "chunked framing as sent: %r" % sent[-20:])

    def test_expect_100_continue_large_body(self):
        payload = os.urandom(3 * 1024 * 1024)
        body_file = self.write_file("large.bin", payload)
        sent, received, cap = self.run_curl_case(
            "/hooks/large",
            ["-H", "Expect: 100-continue", "-H", "Content-Type: application/octet-stream",
             "--expect100-timeout", "20", "--data-binary", "@" + body_file],
            "application/octet-stream", len(payload))
        self.assertIn(b"\r\nExpect: 100-continue\r\n", sent)
        self.assertTrue(received.startswith(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 "),
                        "the listener should answer 100 Continue before the final status: %r"
                        % received[:120])
        self.assertEqual(received.count(b"HTTP/1.1 100 Continue"), 1)


if __name__ == "__main__":
    hbe2e.main()
