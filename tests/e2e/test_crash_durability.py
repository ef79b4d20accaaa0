#!/usr/bin/env python3
"""A 2xx means stored: kill -9 the listener in the middle of a stream of requests, restart it on
the same store, and every request that was answered 2xx must be there, byte for byte."""

import sys
import threading

import hbe2e
from hbe2e import ResponseReader, post

CONNECTIONS = 6
PER_CONNECTION = 50          # 300 requests in all
KILL_AFTER = 120             # answers seen before the listener is killed
PIPELINE_DEPTH = (1, 4)      # even workers send one at a time, odd ones four at once


def request_bytes(worker, seq):
    pad = b"z" * ((worker * 977 + seq * 131) % 6000)  # sizes from ~100 B to ~6 KB
    body = b'{"worker":%d,"seq":%d,"pad":"%s"}' % (worker, seq, pad)
    return post("/hooks/durable/%d/%d" % (worker, seq), body,
                extra=b"X-Delivery: %d-%d\r\n" % (worker, seq))


class CrashDurabilityTest(hbe2e.E2ETestCase):

    def test_every_acknowledged_request_survives_kill_9(self):
        listener = self.start_listener()
        lock = threading.Lock()
        acked = []           # request bytes answered with a 2xx
        other_status = []    # anything else that came back
        enough = threading.Event()
        started = threading.Barrier(CONNECTIONS)

        def worker(index):
            depth = PIPELINE_DEPTH[index % 2]
            try:
                with listener.connect(timeout=30) as s:
                    reader = ResponseReader(s)
                    started.wait(30)
                    for first in range(0, PER_CONNECTION, depth):
                        batch = [request_bytes(index, seq)
                                 for seq in range(first, min(first + depth, PER_CONNECTION))]
                        s.sendall(b"".join(batch))
                        for req in batch:
                            r = reader.read()
                            with lock:
                                if 200 <= r.status < 300:
                                    acked.append(req)
                                    if len(acked) >= KILL_AFTER:
                                        enough.set()
                                else:
                                    other_status.append(r.status)
            except (OSError, ConnectionError, threading.BrokenBarrierError):
                pass  # the listener was killed under us: expected from the kill on

        def killer():
            enough.wait(60)
            listener.proc.kill()  # SIGKILL, mid-stream

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(CONNECTIONS)]
        kill_thread = threading.Thread(target=killer)
        kill_thread.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
            self.assertFalse(t.is_alive(), "a client thread hung")
        enough.set()
        kill_thread.join(60)
        code = listener.proc.wait(timeout=30)
        listener.kill()  # reap and close the pipes

        total = CONNECTIONS * PER_CONNECTION
        self.assertEqual(code, -9, "the listener should have died of SIGKILL")
        self.assertEqual(other_status, [], "only 2xx answers are expected before the kill")
        self.assertGreaterEqual(len(acked), KILL_AFTER)
        self.assertLess(len(acked), total, "the kill should land in the middle of the stream")

        # restart on the same store: it must open (WAL recovery) and keep capturing
        again = self.start_listener()
        after = post("/hooks/after-restart", b'{"restarted":true}')
        self.assertEqual(hbe2e.exchange(again.host, again.port, after).status, 200)
        again.next_jsonl()
        self.stop_listener(again)

        captures = self.export_jsonl()
        stored = [c["raw"] for c in captures]
        stored_set = set(stored)
        missing = [req.split(b"\r\n", 1)[0] for req in acked if req not in stored_set]
        sys.stderr.write("\n  of %d requests, %d were answered 2xx before kill -9; "
                         "%d are in the store\n" % (total, len(acked), len(stored) - 1))
        self.assertEqual(missing, [], "%d of %d acknowledged requests are not in the store after "
                         "kill -9" % (len(missing), len(acked)))
        all_sent = {request_bytes(w, s) for w in range(CONNECTIONS) for s in range(PER_CONNECTION)}
        all_sent.add(after)
        for raw in stored:
            self.assertIn(raw, all_sent, "a stored capture that is not a request as sent: %r"
                          % raw[:80])
        self.assertEqual(len(stored), len(stored_set), "a request was stored twice")
        self.assertEqual(len({c["id"] for c in captures}), len(captures))
        self.assertEqual(stored[-1], after)


if __name__ == "__main__":
    hbe2e.main()
