#!/usr/bin/env python3
"""`hookbench-cli resend` with edits and re-signing, against a local app that checks each request
with Stripe's official SDK (tests/e2e/sdk/stripe-app.mjs: stripe.webhooks.constructEvent), the
endpoint's secret in a real GNOME Keyring.

Run through with-keyring.sh (CTest does), after tests/e2e/sdk/setup.sh installed the SDKs:
    with-keyring.sh python3 test_resend_sdk.py PATH/TO/hookbench-cli PATH/TO/node
"""
import base64
import hashlib
import hmac
import json
import os
import queue
import subprocess
import sys
import threading
import time

import hbe2e

SECRET = "whsec_resend_sdk_" + os.urandom(8).hex()
NODE = None
APP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sdk", "stripe-app.mjs")
WAIT = 30.0
BODY = b'{\n  "id": "evt_resend_1",\n  "object": "event",\n  "type": "customer.created"\n}'


class StripeApp:
    """The node app: started on a free port, one parsed JSON line per request it handled."""

    def __init__(self, secret):
        env = dict(os.environ, STRIPE_WEBHOOK_SECRET=secret)
        self.proc = subprocess.Popen([NODE, APP], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                     cwd=os.path.dirname(APP))
        self.lines = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        first = self._line()
        self.url = "http://127.0.0.1:%d/webhooks/stripe" % first["port"]

    def _pump(self):
        for line in iter(self.proc.stdout.readline, b""):
            self.lines.put(line)
        self.lines.put(None)

    def _line(self):
        try:
            line = self.lines.get(timeout=WAIT)
        except queue.Empty:
            raise AssertionError("the Stripe app printed nothing within %.0f s" % WAIT)
        if line is None:
            raise AssertionError("the Stripe app exited: %r" % self.proc.stderr.read())
        return json.loads(line)

    def next(self):
        got = self._line()
        got["body"] = base64.b64decode(got["body"])
        raw = got["headers"]
        got["headers"] = list(zip(raw[0::2], raw[1::2]))
        return got

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()


def header(got, name):
    return [v for k, v in got["headers"] if k.lower() == name.lower()]


class ResendSdkTest(hbe2e.E2ETestCase):
    def setUp(self):
        super().setUp()
        self.config = self.write_config({"endpoints": [
            {"id": "stripe-resend", "path": "/stripe", "provider": "stripe"},
            {"id": "stripe-nosecret", "path": "/nosecret", "provider": "stripe"},
            {"id": "github-resend", "path": "/github", "provider": "github"}]})
        os.environ["HB_E2E_RESEND_SECRET"] = SECRET
        self.addCleanup(os.environ.pop, "HB_E2E_RESEND_SECRET", None)
        r = hbe2e.run_cli("secrets", "set", "stripe-resend", "--from-env", "HB_E2E_RESEND_SECRET",
                          "--config", self.config)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.addCleanup(hbe2e.run_cli, "secrets", "delete", "stripe-resend")
        self.outputs = []
        self.app = StripeApp(SECRET)
        self.addCleanup(self.app.close)
        # One stale Stripe delivery (an hour old: outside the SDK's 300 s) per endpoint.
        listener = self.start_listener(config=self.config)
        at = str(int(time.time()) - 3600).encode()
        sig = hmac.new(SECRET.encode(), at + b"." + BODY, hashlib.sha256).hexdigest().encode()
        for path in (b"/stripe", b"/nosecret", b"/github"):
            request = hbe2e.post(path, BODY, extra=b"User-Agent: Stripe/1.0\r\n"
                                 b"Stripe-Signature: t=" + at + b",v1=" + sig + b"\r\n"
                                 b"X-GitHub-Event: ping\r\nX-Hub-Signature-256: sha256=00\r\n")
            self.assertEqual(hbe2e.exchange(listener.host, listener.port, request).status, 200)
        listener.jsonl_lines(3)
        self.stop_listener(listener)

    def resend(self, *args, capture=1):
        r = hbe2e.run_cli("resend", "--store", self.store, "--id", capture, "--to", self.app.url,
                          "--config", self.config, *args)
        self.outputs += [r.stdout, r.stderr]
        return r

    def tearDown(self):
        for out in self.outputs:
            self.assertNotIn(SECRET.encode(), out, "the secret must never be printed")

    def test_as_stored_the_stale_capture_fails_the_sdk_check(self):
        r = self.resend()
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertTrue(r.stdout.startswith(b"HTTP/1.1 400 "), r.stdout)
        got = self.app.next()
        self.assertFalse(got["verdict"]["ok"])
        self.assertIn("tolerance", got["verdict"]["error"])
        self.assertEqual(got["body"], BODY)

    def test_resign_passes_the_sdk_check(self):
        r = self.resend("--resign")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"re-signed with a fresh timestamp", r.stderr)
        self.assertTrue(r.stdout.startswith(b"HTTP/1.1 200 "), r.stdout)
        self.assertIn(b"x-app: stripe-sdk", r.stdout.lower())
        self.assertTrue(r.stdout.endswith(b'{"received":true,"type":"customer.created"}'),
                        r.stdout)
        got = self.app.next()
        self.assertEqual(got["verdict"], {"ok": True, "id": "evt_resend_1",
                                          "type": "customer.created"})
        self.assertEqual(got["body"], BODY)
        self.assertEqual(got["url"], "/webhooks/stripe")
        self.assertEqual(len(header(got, "Stripe-Signature")), 1)

    def test_an_edited_body_passes_only_when_resigned(self):
        edited = b'{"id":"evt_resend_1","object":"event","type":"customer.updated","n":"Zo\xc3\xab"}'
        body_file = self.write_file("edited.json", edited)
        r = self.resend("--body", body_file, "--resign")
        self.assertEqual(r.returncode, 0, r.stderr)
        got = self.app.next()
        self.assertEqual(got["verdict"]["type"], "customer.updated")
        self.assertTrue(got["verdict"]["ok"])
        self.assertEqual(got["body"], edited)
        self.assertEqual(header(got, "Content-Length"), [str(len(edited))])
        # Not re-signed, the captured signature does not cover the edited body.
        r = self.resend("--body", body_file)
        self.assertEqual(r.returncode, 1, r.stderr)
        got = self.app.next()
        self.assertFalse(got["verdict"]["ok"])
        self.assertIn("No signatures found matching the expected signature",
                      got["verdict"]["error"])
        self.assertEqual(got["body"], edited)

    def test_header_edits_and_a_body_from_stdin(self):
        edited = b'{"id":"evt_stdin","object":"event","type":"invoice.paid"}'
        r = hbe2e.run_cli("resend", "--store", self.store, "--id", "1", "--to", self.app.url,
                          "--config", self.config, "--resign", "--body", "-",
                          "--header", "X-Replayed-By: hookbench", "--header", "User-Agent: edited",
                          "--remove-header", "content-type", input_bytes=edited)
        self.outputs += [r.stdout, r.stderr]
        self.assertEqual(r.returncode, 0, r.stderr)
        got = self.app.next()
        self.assertTrue(got["verdict"]["ok"], got["verdict"])
        self.assertEqual(got["body"], edited)
        self.assertEqual(header(got, "X-Replayed-By"), ["hookbench"])
        self.assertEqual(header(got, "User-Agent"), ["edited"])
        self.assertEqual(header(got, "Content-Type"), [])
        names = [k.lower() for k, _ in got["headers"]]
        self.assertLess(names.index("user-agent"), names.index("stripe-signature"),
                        "a replaced header stays where it was")

    def test_forwarding_with_resign_passes_the_sdk_check(self):
        # listen forwards a stale delivery to the app, re-signed: the SDK accepts it; the same
        # delivery forwarded without re-signing is refused by the SDK (the test can fail)
        for resign, accepted in ((True, True), (False, False)):
            config = self.write_config({"endpoints": [{
                "id": "stripe-resend", "path": "/stripe", "provider": "stripe",
                "forward": {"only_verified": False,
                            "http": {"url": self.app.url, "resign": resign}}}]})
            listener = self.start_listener(config=config)
            at = str(int(time.time()) - 3600).encode()
            sig = hmac.new(SECRET.encode(), at + b"." + BODY, hashlib.sha256).hexdigest().encode()
            request = hbe2e.post(b"/stripe", BODY,
                                 extra=b"Stripe-Signature: t=" + at + b",v1=" + sig + b"\r\n")
            self.assertEqual(hbe2e.exchange(listener.host, listener.port, request).status, 200)
            got = self.app.next()
            self.assertEqual(got["verdict"]["ok"], accepted, (resign, got["verdict"]))
            self.assertEqual(got["body"], BODY)
            self.stop_listener(listener)

    def test_usage_and_environment_errors(self):
        r = self.resend("--resign", capture=2)  # stripe, but no secret in the keychain
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertIn(b"stripe-nosecret", r.stderr)
        self.assertEqual(r.stdout, b"")
        r = self.resend("--resign", capture=3)  # github signs no timestamp
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(b"timestamp", r.stderr)
        for args in (["--header", "no colon"], ["--header", "Content-Length: 3"],
                     ["--remove-header", "Transfer-Encoding"],
                     ["--body", os.path.join(self.tmp, "missing.json")]):
            r = self.resend(*args)
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertEqual(r.stdout, b"")
        r = hbe2e.run_cli("resend", "--store", os.path.join(self.tmp, "none.sqlite"), "--id", "1",
                          "--to", self.app.url, "--config", self.config)
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertTrue(self.app.lines.empty(), "nothing was sent")


def main():
    global NODE
    if len(sys.argv) < 3:
        sys.stderr.write("usage: %s PATH/TO/hookbench-cli PATH/TO/node\n" % sys.argv[0])
        sys.exit(2)
    NODE = sys.argv.pop(2)
    hbe2e.main()


if __name__ == "__main__":
    main()
