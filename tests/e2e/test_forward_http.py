#!/usr/bin/env python3
"""Forwarding to a local app through `hookbench-cli listen`: the exact request reaches the app,
only verified events go, a down app gets every event once it is back (also after `kill -9` of
the listener), proxy mode answers the sender with the app's answer (504 when it is too slow),
re-signing gives a replay a fresh, valid Stripe signature, and `resend` / `forward list|retry`
work on the store."""
import hashlib
import hmac
import http.server
import os
import queue
import socket
import threading
import time

import hbe2e

SECRET = "whsec_forward_test_secret"
WAIT = 60.0


def stripe_delivery(body, secret=SECRET, at=None, path=b"/stripe", extra=b""):
    t = str(int(time.time() if at is None else at)).encode()
    sig = hmac.new(secret.encode(), t + b"." + body, hashlib.sha256).hexdigest().encode()
    return hbe2e.post(path, body, extra=b"Stripe-Signature: t=" + t + b",v1=" + sig +
                      b"\r\nX-Repeated: one\r\nX-Repeated: two\r\n" + extra)


def stripe_signature_ok(headers, body, secret=SECRET, tolerance=300):
    fields = dict(p.split("=", 1) for p in headers["stripe-signature"].split(","))
    t = int(fields["t"])
    want = hmac.new(secret.encode(), str(t).encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(want, fields["v1"]) and abs(time.time() - t) <= tolerance


class LocalApp:
    """A small HTTP app on loopback that records every request (headers in order, exact body)."""

    def __init__(self, port=0, status=200, body=b'{"ok":true}', delay=None):
        self.requests = queue.Queue()
        app = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                data = self.rfile.read(length)
                if delay is not None:
                    delay.wait(WAIT)
                app.requests.put({"method": self.command, "path": self.path,
                                  "headers": list(self.headers.items()), "body": data})
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-App", "local")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = "http://127.0.0.1:%d/hooks?src=hb" % self.port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def next(self, timeout=WAIT):
        return self.requests.get(timeout=timeout)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class ForwardHttpTest(hbe2e.E2ETestCase):
    def start(self, http_target, only_verified=True):
        os.environ["HB_E2E_STRIPE_SECRET"] = SECRET
        self.addCleanup(os.environ.pop, "HB_E2E_STRIPE_SECRET", None)
        self.config = self.write_config({"endpoints": [{
            "id": "stripe", "path": "/stripe", "provider": "stripe",
            "forward": {"only_verified": only_verified, "http": http_target}}]})
        return self.start_listener(config=self.config,
                                   extra_args=["--secret-env", "stripe=HB_E2E_STRIPE_SECRET"])

    def test_the_exact_request_reaches_the_app_and_is_recorded(self):
        app = LocalApp()
        self.addCleanup(app.close)
        listener = self.start({"url": app.url, "types": ["customer.*"]})
        body = '{"id":"evt_1","type":"customer.created","name":"Zo\u00eb"}'.encode()
        r = hbe2e.exchange(listener.host, listener.port, stripe_delivery(body))
        self.assertEqual(r.status, 200)
        got = app.next()
        self.assertEqual(got["body"], body)
        self.assertEqual(got["path"], "/hooks?src=hb")
        names = [k.lower() for k, _ in got["headers"]]
        self.assertEqual([v for k, v in got["headers"] if k.lower() == "x-repeated"],
                         ["one", "two"], "repeated headers kept, in order")
        self.assertLess(names.index("stripe-signature"), names.index("x-repeated"))
        self.assertEqual(dict((k.lower(), v) for k, v in got["headers"])["host"],
                         "127.0.0.1:%d" % app.port)
        self.assertTrue(stripe_signature_ok(dict((k.lower(), v) for k, v in got["headers"]),
                                            got["body"]))
        # Another event type is not sent, and says why.
        other = b'{"id":"evt_2","type":"invoice.paid"}'
        hbe2e.exchange(listener.host, listener.port, stripe_delivery(other))
        rows = self.wait_forwards(lambda rows: len(rows) == 2 and rows[1]["state"] == "delivered",
                                  "the first forward to be delivered")
        by_id = {row["id"]: row for row in rows}
        self.assertEqual(by_id[2]["state"], "skipped")
        self.assertEqual(by_id[2]["error_code"], "type-filtered")
        self.assertEqual(by_id[1]["http_status"], 200)
        self.assertEqual(by_id[1]["attempts"], 1)
        self.assertTrue(app.requests.empty())
        self.stop_listener(listener)

    def test_unverified_events_are_not_forwarded(self):
        app = LocalApp()
        self.addCleanup(app.close)
        listener = self.start({"url": app.url})
        body = b'{"id":"evt_3","type":"customer.created"}'
        hbe2e.exchange(listener.host, listener.port, stripe_delivery(body, secret="whsec_other"))
        rows = self.wait_forwards(lambda rows: len(rows) == 1, "the outbox row")
        self.assertEqual(rows[0]["state"], "skipped")
        self.assertEqual(rows[0]["error_code"], "not-verified")
        self.assertIn("signature_mismatch", rows[0]["error_message"])
        self.stop_listener(listener)
        self.assertTrue(app.requests.empty())

    def test_a_down_app_gets_every_event_once_back_even_after_kill_9(self):
        port = free_port()
        listener = self.start({"url": "http://127.0.0.1:%d/hooks" % port})
        bodies = [('{"id":"evt_%d","type":"customer.created"}' % i).encode() for i in range(3)]
        for body in bodies:
            self.assertEqual(hbe2e.exchange(listener.host, listener.port,
                                            stripe_delivery(body)).status, 200)
        self.wait_forwards(lambda rows: len(rows) == 3 and all(
            r["state"] == "retrying" and r["error_code"] == "connection-refused" for r in rows),
            "three failed attempts")
        listener.kill()  # kill -9 with the forwards open
        app = LocalApp(port=port)
        self.addCleanup(app.close)
        listener = self.start({"url": "http://127.0.0.1:%d/hooks" % port})
        got = sorted(app.next()["body"] for _ in bodies)
        self.assertEqual(got, sorted(bodies))
        self.wait_forwards(lambda rows: all(r["state"] == "delivered" for r in rows),
                           "every forward delivered")
        self.stop_listener(listener)

    def test_proxy_mode_answers_with_the_apps_answer(self):
        app = LocalApp(status=201, body=b'{"handled":"yes"}')
        self.addCleanup(app.close)
        listener = self.start({"url": app.url, "proxy": True})
        body = b'{"id":"evt_4","type":"customer.created"}'
        r = hbe2e.exchange(listener.host, listener.port, stripe_delivery(body))
        self.assertEqual(r.status, 201)
        self.assertEqual(r.body, b'{"handled":"yes"}')
        self.assertEqual(r.header("X-App"), b"local")
        self.assertEqual(app.next()["body"], body)
        rows = self.wait_forwards(lambda rows: rows and rows[0]["state"] == "delivered",
                                  "the proxy row recorded")
        self.assertEqual(rows[0]["kind"], "proxy")
        self.assertEqual(rows[0]["http_status"], 201)
        self.stop_listener(listener)

    def test_proxy_mode_gives_504_when_the_app_is_too_slow(self):
        release = threading.Event()
        app = LocalApp(delay=release)
        self.addCleanup(app.close)
        self.addCleanup(release.set)
        listener = self.start({"url": app.url, "proxy": True, "timeout_ms": 300})
        r = hbe2e.exchange(listener.host, listener.port,
                           stripe_delivery(b'{"id":"evt_5","type":"customer.created"}'))
        self.assertEqual(r.status, 504)
        rows = self.wait_forwards(lambda rows: rows and rows[0]["state"] == "dead",
                                  "the proxy row recorded")
        self.assertEqual(rows[0]["error_code"], "timeout")
        release.set()
        self.stop_listener(listener)

    def test_a_stale_capture_is_not_forwarded_and_resend_sends_it_as_stored(self):
        app = LocalApp()
        self.addCleanup(app.close)
        listener = self.start({"url": app.url, "resign": True})
        body = b'{"id":"evt_6","type":"customer.created"}'
        old = time.time() - 3600  # an hour old: outside Stripe's 5-minute tolerance
        hbe2e.exchange(listener.host, listener.port, stripe_delivery(body, at=old, secret=SECRET))
        rows = self.wait_forwards(lambda rows: len(rows) == 1, "the outbox row")
        # Stale: not verified, so not forwarded (only_verified) ...
        self.assertEqual(rows[0]["state"], "skipped")
        self.stop_listener(listener)
        # ... but resent by hand, re-signed, it passes the handler's check.
        os.environ["HB_E2E_STRIPE_SECRET"] = SECRET
        r = hbe2e.run_cli("resend", "--store", self.store, "--id", "1", "--to", app.url,
                          "--config", self.config)
        self.assertEqual(r.returncode, 0, r.stderr)
        plain = app.next()
        self.assertFalse(stripe_signature_ok(dict((k.lower(), v) for k, v in plain["headers"]),
                                             plain["body"]), "as captured: stale")
        self.assertTrue(r.stdout.startswith(b"HTTP/1.1 200"), r.stdout)

    def test_resign_on_forward(self):
        app = LocalApp()
        self.addCleanup(app.close)
        listener = self.start({"url": app.url, "resign": True}, only_verified=False)
        body = b'{"id":"evt_7","type":"customer.created"}'
        old = time.time() - 3600
        hbe2e.exchange(listener.host, listener.port, stripe_delivery(body, at=old))
        got = app.next()
        headers = dict((k.lower(), v) for k, v in got["headers"])
        self.assertEqual(got["body"], body)
        self.assertTrue(stripe_signature_ok(headers, body), headers["stripe-signature"])
        rows = self.wait_forwards(lambda rows: rows and rows[0]["state"] == "delivered",
                                  "delivered")
        self.assertEqual(rows[0]["note"], "re-signed with a fresh timestamp")
        self.stop_listener(listener)

    def test_dead_forwards_are_retried_by_hand(self):
        app = LocalApp(status=400, body=b'{"error":"bad"}')
        self.addCleanup(app.close)
        listener = self.start({"url": app.url})
        hbe2e.exchange(listener.host, listener.port,
                       stripe_delivery(b'{"id":"evt_8","type":"customer.created"}'))
        rows = self.wait_forwards(lambda rows: rows and rows[0]["state"] == "dead", "dead")
        self.assertEqual(rows[0]["error_code"], "http-400")
        self.assertEqual(self.forwards("dead"), rows)
        app.next()
        r = hbe2e.run_cli("forward", "retry", "--store", self.store, "--all-dead")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(app.next()["body"], b'{"id":"evt_8","type":"customer.created"}')
        self.wait_forwards(lambda rows: rows[0]["attempts"] == 1 and rows[0]["state"] == "dead",
                           "the retried forward recorded")
        self.stop_listener(listener)


if __name__ == "__main__":
    hbe2e.main()
