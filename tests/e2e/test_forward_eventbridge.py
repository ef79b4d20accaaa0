#!/usr/bin/env python3
"""Forwarding to an EventBridge bus through `hookbench-cli listen`, against a local PutEvents
endpoint (putevents_server.py) that checks each SigV4 signature with botocore: a verified Stripe
event reaches the bus with the stripe preset's Source, DetailType and Detail (the body bytes);
an unverified one is not sent; with throttling and 5xx injected every event is still delivered
once the faults stop, with its EventId recorded; an entry over the size limit is dead-lettered
with that reason."""
import hashlib
import hmac
import json
import os
import subprocess
import sys
import time
import urllib.request

import hbe2e

SECRET = "whsec_eventbridge_test"
AWS_KEY_ID = "AKIDHOOKBENCHE2E"
AWS_SECRET = "hookbench/e2e/not-a-real-secret-key"
WAIT = 90.0


def stripe_delivery(body, secret=SECRET):
    t = str(int(time.time())).encode()
    sig = hmac.new(secret.encode(), t + b"." + body, hashlib.sha256).hexdigest().encode()
    return hbe2e.post(b"/stripe", body, extra=b"Stripe-Signature: t=" + t + b",v1=" + sig +
                      b"\r\n")


class PutEventsServer:
    def __init__(self, test):
        env = dict(os.environ, PUTEVENTS_SECRET_ACCESS_KEY=AWS_SECRET)
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "putevents_server.py")
        self.proc = subprocess.Popen(
            [sys.executable, script, "--port", "0", "--region", "eu-west-1",
             "--access-key-id", AWS_KEY_ID], env=env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)
        test.addCleanup(self.stop)
        line = self.proc.stdout.readline().decode()
        test.assertTrue(line.startswith("port "), "putevents_server: %r %s" % (
            line, self.proc.stderr.read().decode() if not line else ""))
        self.url = "http://127.0.0.1:%d" % int(line.split()[1])

    def call(self, method, path, obj=None):
        data = None if obj is None else json.dumps(obj).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=20) as r:
            return json.loads(r.read())

    def stop(self):
        self.proc.kill()
        self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()


class ForwardEventBridgeTest(hbe2e.E2ETestCase):
    def start(self, server, **eventbridge):
        os.environ.update({"HB_E2E_STRIPE_SECRET": SECRET, "AWS_ACCESS_KEY_ID": AWS_KEY_ID,
                           "AWS_SECRET_ACCESS_KEY": AWS_SECRET})
        for name in ("HB_E2E_STRIPE_SECRET", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            self.addCleanup(os.environ.pop, name, None)
        target = {"bus": "webhooks", "region": "eu-west-1", "preset": "stripe",
                  "endpoint_url": server.url}
        target.update(eventbridge)
        config = self.write_config({"endpoints": [{
            "id": "stripe", "path": "/stripe", "provider": "stripe",
            "forward": {"eventbridge": target}}]})
        return self.start_listener(config=config,
                                   extra_args=["--secret-env", "stripe=HB_E2E_STRIPE_SECRET"])

    def test_a_verified_stripe_event_reaches_the_bus_with_the_preset(self):
        server = PutEventsServer(self)
        listener = self.start(server)
        body = b'{"id":"evt_1","object":"event","type":"customer.created","data":{"n":"Zo\xc3\xab"}}'
        self.assertEqual(hbe2e.exchange(listener.host, listener.port,
                                        stripe_delivery(body)).status, 200)
        hbe2e.exchange(listener.host, listener.port,
                       stripe_delivery(b'{"id":"evt_2","type":"x"}', secret="whsec_wrong"))
        rows = self.wait_forwards(
            lambda rows: len(rows) == 2 and all(r["state"] != "queued" for r in rows),
            "both rows settled")
        by_id = {r["id"]: r for r in rows}
        self.assertEqual(by_id[1]["state"], "delivered", by_id[1])
        self.assertEqual(by_id[2]["state"], "skipped")
        received = server.call("GET", "/_received")
        self.assertEqual(received["rejected"], 0)
        self.assertEqual(len(received["entries"]), 1)
        entry = received["entries"][0]
        self.assertEqual(entry["Source"], "stripe.com")
        self.assertEqual(entry["DetailType"], "customer.created")
        self.assertEqual(entry["EventBusName"], "webhooks")
        self.assertEqual(entry["Detail"].encode(), body, "Detail is the body, byte for byte")
        self.assertEqual(by_id[1]["event_id"], entry["EventId"])
        self.stop_listener(listener)

    def test_every_event_is_delivered_once_the_faults_stop(self):
        server = PutEventsServer(self)
        server.call("POST", "/_control", {"throttle": 2})
        server.call("POST", "/_control", {"server_error": 2, "status": 503})
        listener = self.start(server)
        bodies = [('{"id":"evt_%d","type":"invoice.paid"}' % i).encode() for i in range(5)]
        for body in bodies:
            self.assertEqual(hbe2e.exchange(listener.host, listener.port,
                                            stripe_delivery(body)).status, 200)
        rows = self.wait_forwards(
            lambda rows: len(rows) == 5 and all(r["state"] == "delivered" for r in rows),
            "every event delivered")
        self.assertTrue(any(r["attempts"] > 1 for r in rows), "the faults made it retry")
        received = server.call("GET", "/_received")
        self.assertEqual(sorted(e["Detail"].encode() for e in received["entries"]),
                         sorted(bodies))
        self.stop_listener(listener)

    def test_an_oversize_entry_is_dead_lettered_with_the_reason(self):
        server = PutEventsServer(self)
        listener = self.start(server, max_entry_bytes=1024)
        body = ('{"id":"evt_big","type":"invoice.paid","pad":"%s"}' % ("x" * 2000)).encode()
        hbe2e.exchange(listener.host, listener.port, stripe_delivery(body))
        rows = self.wait_forwards(lambda rows: rows and rows[0]["state"] == "dead", "dead")
        self.assertEqual(rows[0]["error_code"], "EntryTooLarge")
        self.assertEqual(server.call("GET", "/_received")["entries"], [])
        self.stop_listener(listener)


if __name__ == "__main__":
    hbe2e.main()
