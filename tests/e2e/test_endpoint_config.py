#!/usr/bin/env python3
"""An endpoint's configured response (status, headers, body, delay) end to end."""

import select
import time

import hbe2e
from hbe2e import ResponseReader, get, post

BODY = '{"received":true,"by":"hookbench ✓"}'

CONFIG = {
    "endpoints": [
        {
            "id": "stripe-dev",
            "path": "/hooks/stripe",
            "provider": "stripe",
            "tolerance_s": 300,
            "response": {
                "status": 202,
                "headers": {"Content-Type": "application/json", "X-Hookbench-Test": "yes"},
                "body": BODY,
                "delay_ms": 100,
            },
        },
        {
            "id": "slow",
            "path": "/hooks/slow",
            "response": {"status": 204, "delay_ms": 1500},
        },
    ]
}


class EndpointConfigTest(hbe2e.E2ETestCase):

    def test_endpoint_response_and_unmatched_paths(self):
        listener = self.start_listener(config=self.write_config(CONFIG))
        matched = post("/hooks/stripe?attempt=1", b'{"id":"evt_1","type":"charge.succeeded"}')
        started = time.monotonic()
        r = hbe2e.exchange(listener.host, listener.port, matched)
        elapsed = time.monotonic() - started
        self.assertEqual(r.status, 202)
        self.assertEqual(r.reason, "Accepted")
        self.assertEqual(r.header("Content-Type"), b"application/json")
        self.assertEqual(r.header("X-Hookbench-Test"), b"yes")
        self.assertEqual(r.body, BODY.encode("utf-8"))
        self.assertEqual(int(r.header("Content-Length")), len(BODY.encode("utf-8")))
        self.assertGreaterEqual(elapsed, 0.095, "delay_ms 100 should hold the response back")
        line = listener.next_jsonl()
        # CONTRACT.md, listen --jsonl: these keys, received_at in RFC 3339
        for key in ("id", "received_at", "method", "target", "endpoint", "provider", "verdict",
                    "status"):
            self.assertIn(key, line)
        self.assertRegex(line["received_at"],
                         r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
        self.assertEqual(line["method"], "POST")
        self.assertEqual(line["endpoint"], "stripe-dev")
        self.assertEqual(line["provider"], "stripe")
        self.assertEqual(line["status"], 202)
        self.assertEqual(line["target"], "/hooks/stripe?attempt=1")

        unmatched = [post("/hooks/other", b"{}"), post("/hooks/stripe/extra", b"{}"), get("/")]
        for req in unmatched:
            r = hbe2e.exchange(listener.host, listener.port, req)
            self.assertEqual(r.status, 200, req)
            self.assertEqual(r.body, b"")
            self.assertIsNone(r.header("X-Hookbench-Test"))
            line = listener.next_jsonl()
            self.assertIsNone(line["endpoint"])
            self.assertIsNone(line["provider"])
            self.assertEqual(line["status"], 200)
        self.stop_listener(listener)

        caps = self.export_jsonl()
        self.assertEqual([c["endpoint"] for c in caps], ["stripe-dev", None, None, None])
        self.assertEqual([c["status"] for c in caps], [202, 200, 200, 200])
        for cap, req in zip(caps, [matched] + unmatched):
            self.assertRawEqual(cap["raw"], req)

    def test_delay_holds_only_its_own_response(self):
        listener = self.start_listener(config=self.write_config(CONFIG))
        # pipelined on one connection: answers come in request order, the delayed one first
        with listener.connect() as s:
            s.sendall(post("/hooks/stripe", b"{}") + get("/unmatched"))
            reader = ResponseReader(s)
            self.assertEqual([reader.read().status, reader.read().status], [202, 200])
        # on separate connections the slow endpoint (1.5 s) does not hold up the others
        slow = listener.connect()
        self.addCleanup(slow.close)
        slow.sendall(post("/hooks/slow", b"{}"))
        r = hbe2e.exchange(listener.host, listener.port, get("/quick"))
        self.assertEqual(r.status, 200)
        readable, _, _ = select.select([slow], [], [], 0)
        self.assertEqual(readable, [], "the slow endpoint answered before its delay")
        r = ResponseReader(slow).read()
        self.assertEqual(r.status, 204)
        self.assertEqual(r.body, b"")
        listener.jsonl_lines(4)
        self.stop_listener(listener)
        caps = self.export_jsonl()
        self.assertEqual([(c["target"], c["endpoint"]) for c in caps[:2]],
                         [("/hooks/stripe", "stripe-dev"), ("/unmatched", None)])
        # two connections: their captures may be stored in either order
        self.assertEqual(sorted((c["target"], c["endpoint"] or "") for c in caps[2:]),
                         [("/hooks/slow", "slow"), ("/quick", "")])


if __name__ == "__main__":
    hbe2e.main()
