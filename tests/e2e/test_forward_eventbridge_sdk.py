#!/usr/bin/env python3
"""A Stripe event signed by Stripe's official SDK (the `stripe` npm package:
webhooks.generateTestHeaderString, through sdk/stripe-sign.mjs) arrives at `hookbench-cli
listen`, is verified, and reaches a local PutEvents endpoint (putevents_server.py, SigV4 checked
by botocore) with the stripe preset's Source, DetailType and Detail (the event object verbatim),
signed with the AWS access key stored in the keychain for the endpoint (credentials
"keychain"), while the environment holds other, wrong keys. An event the SDK signed with another
secret puts nothing on the bus. An endpoint without a stored key dead-letters with a reason that
names its keychain entry; without a keychain `listen` exits 3 with a one-line reason.

Run through with-keyring.sh (CTest does), after tests/e2e/sdk/setup.sh installed the SDKs:
    with-keyring.sh python3 test_forward_eventbridge_sdk.py CLI NODE TST_AWSKEYCHAIN
"""
import json
import os
import subprocess
import sys

import hbe2e
from test_forward_eventbridge import AWS_KEY_ID, AWS_SECRET, PutEventsServer

SECRET = "whsec_eventbridge_sdk_" + os.urandom(8).hex()
WRONG_AWS_SECRET = "hookbench/e2e/the-wrong-secret-in-the-environment"
NODE = None
HELPER = None
SIGN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sdk", "stripe-sign.mjs")
# As Stripe sends an Event: indented JSON, members in Stripe's order.
EVENT = {
    "id": "evt_sdk_1", "object": "event", "api_version": "2025-03-31.basil",
    "created": 1767225600,
    "data": {"object": {"id": "cus_sdk_1", "object": "customer", "email": "zoë@example.com",
                        "metadata": {}}},
    "livemode": False, "pending_webhooks": 1,
    "request": {"id": "req_sdk_1", "idempotency_key": None}, "type": "customer.created",
}


def sdk_signature(body, secret):
    r = subprocess.run([NODE, SIGN], input=body, capture_output=True, timeout=60,
                       cwd=os.path.dirname(SIGN), env=dict(os.environ, STRIPE_WEBHOOK_SECRET=secret))
    if r.returncode != 0:
        raise AssertionError("stripe-sign.mjs failed: %s" % r.stderr.decode())
    return r.stdout.strip()


def stripe_delivery(body, secret=SECRET):
    return hbe2e.post(b"/stripe", body,
                      extra=b"Stripe-Signature: " + sdk_signature(body, secret) + b"\r\n")


class ForwardEventBridgeSdkTest(hbe2e.E2ETestCase):
    def setenv(self, **values):
        for name, value in values.items():
            old = os.environ.get(name)
            os.environ[name] = value
            self.addCleanup(lambda n=name, o=old: os.environ.pop(n, None) if o is None
                            else os.environ.__setitem__(n, o))

    def store_key(self, endpoint):
        r = subprocess.run([HELPER, "--store-aws-key", endpoint], capture_output=True, timeout=60,
                           env=dict(os.environ, HB_AWS_KEY_ID=AWS_KEY_ID, HB_AWS_SECRET=AWS_SECRET))
        self.assertEqual(r.returncode, 0, r.stderr.decode())

    def config(self, server, endpoint="stripe"):
        return self.write_config({"endpoints": [{
            "id": endpoint, "path": "/stripe", "provider": "stripe",
            "forward": {"eventbridge": {"bus": "webhooks", "region": "eu-west-1",
                                        "preset": "stripe", "endpoint_url": server.url,
                                        "credentials": "keychain"}}}]})

    def test_an_sdk_signed_event_reaches_the_bus_with_the_stored_key(self):
        server = PutEventsServer(self)
        self.store_key("stripe")
        # Keys in the environment too, wrong ones: the endpoint's choice is the keychain.
        self.setenv(HB_E2E_STRIPE_SECRET=SECRET, AWS_ACCESS_KEY_ID=AWS_KEY_ID,
                    AWS_SECRET_ACCESS_KEY=WRONG_AWS_SECRET)
        listener = self.start_listener(config=self.config(server),
                                       extra_args=["--secret-env", "stripe=HB_E2E_STRIPE_SECRET"])
        body = json.dumps(EVENT, indent=2, ensure_ascii=False).encode()
        self.assertEqual(hbe2e.exchange(listener.host, listener.port,
                                        stripe_delivery(body)).status, 200)
        other = json.dumps(dict(EVENT, id="evt_sdk_2"), indent=2).encode()
        hbe2e.exchange(listener.host, listener.port, stripe_delivery(other, "whsec_not_this_one"))
        rows = self.wait_forwards(
            lambda rows: len(rows) == 2 and all(r["state"] not in ("queued", "retrying")
                                                for r in rows), "both rows settled")
        by_id = {r["id"]: r for r in rows}
        self.assertEqual(by_id[1]["state"], "delivered", by_id[1])
        self.assertEqual(by_id[2]["state"], "skipped", "an unverified event is not forwarded")
        received = server.call("GET", "/_received")
        self.assertEqual(received["rejected"], 0, "every request's SigV4 checked out")
        self.assertEqual(len(received["entries"]), 1, received["entries"])
        entry = received["entries"][0]
        self.assertEqual(entry["Source"], "stripe.com")
        self.assertEqual(entry["DetailType"], "customer.created")
        self.assertEqual(entry["EventBusName"], "webhooks")
        self.assertEqual(json.loads(entry["Detail"]), EVENT)
        self.assertEqual(entry["Detail"].encode(), body, "Detail is the event object verbatim")
        self.assertEqual(by_id[1]["event_id"], entry["EventId"])
        self.stop_listener(listener)
        self.assertNotIn(AWS_SECRET, listener.stderr_text())

    def test_without_a_stored_key_the_event_is_dead_with_the_reason(self):
        server = PutEventsServer(self)
        self.setenv(HB_E2E_STRIPE_SECRET=SECRET, AWS_ACCESS_KEY_ID=AWS_KEY_ID,
                    AWS_SECRET_ACCESS_KEY=AWS_SECRET)
        listener = self.start_listener(config=self.config(server, "nokey"),
                                       extra_args=["--secret-env", "nokey=HB_E2E_STRIPE_SECRET"])
        body = json.dumps(EVENT, indent=2).encode()
        hbe2e.exchange(listener.host, listener.port, stripe_delivery(body))
        rows = self.wait_forwards(lambda rows: rows and rows[0]["state"] == "dead", "dead")
        message = rows[0]["error_message"]
        self.assertEqual(rows[0]["error_code"], "configuration")
        self.assertIn('key "aws:nokey"', message)
        self.assertIn("none is stored", message)
        self.assertNotIn(AWS_SECRET, json.dumps(rows[0]))
        self.assertEqual(server.call("GET", "/_received")["entries"], [])
        self.stop_listener(listener)
        self.assertIn("aws:nokey", listener.stderr_text(), "warned at start")

    def test_listen_exits_3_without_a_keychain(self):
        config = self.write_config({"endpoints": [{
            "id": "stripe", "path": "/stripe", "provider": "stripe",
            "forward": {"eventbridge": {"preset": "stripe", "credentials": "keychain"}}}]})
        # The signing secret from the environment, so the AWS key is all it needs the keychain for.
        self.setenv(DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/hookbench-bus",
                    HB_E2E_STRIPE_SECRET=SECRET)
        r = hbe2e.run_cli("listen", "--port", "0", "--store", self.store, "--config", config,
                          "--secret-env", "stripe=HB_E2E_STRIPE_SECRET", timeout=60)
        self.assertEqual(r.returncode, 3, r.stderr)
        lines = r.stderr.decode().strip().splitlines()
        self.assertEqual(len(lines), 1, lines)
        self.assertIn('endpoint "stripe"', lines[0])
        self.assertIn("No OS keychain is available", lines[0])


def main():
    global NODE, HELPER
    if len(sys.argv) < 4:
        sys.stderr.write("usage: %s PATH/TO/hookbench-cli PATH/TO/node PATH/TO/tst_awskeychain\n"
                         % sys.argv[0])
        sys.exit(2)
    NODE, HELPER = sys.argv[2], sys.argv[3]
    del sys.argv[2:4]
    hbe2e.main()


if __name__ == "__main__":
    main()
