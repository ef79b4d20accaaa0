#!/usr/bin/env python3
"""A user's provider file (in $XDG_CONFIG_HOME/hookbench/providers) is used by providers, sign,
verify and listen; a bad file is refused with its path and key, and the rest still load."""

import json
import os

import hbe2e

SECRET = "acme_s3cret"
AT = "1763779200"

ACME = {
    "name": "acme",
    "title": "Acme Payments",
    "docs": "https://acme.example/docs/webhooks",
    "signature": {
        "headers": [{"name": "X-Acme-Signature", "prefix": "sha512="}],
        "algorithm": "hmac-sha512",
        "encoding": "base64",
        "format": "prefixed",
        "content": "{id}:{timestamp}:{body}",
    },
    "timestamp": {"headers": ["X-Acme-Timestamp"], "tolerance_s": 120},
    "id": {"headers": ["X-Acme-Delivery"]},
    "secret": {"prefix": "acme_"},
    "detect": {"headers": ["X-Acme-Event"]},
    "sign": {"headers": ["X-Acme-Event: ping"]},
}


class ProviderFilesTest(hbe2e.E2ETestCase):
    def setUp(self):
        super().setUp()
        config_home = os.path.join(self.tmp, "xdg")
        self.providers = os.path.join(config_home, "hookbench", "providers")
        os.makedirs(self.providers)
        with open(os.path.join(self.providers, "acme.json"), "w") as f:
            json.dump(ACME, f)
        # A typo in a key: refused, named by path and key; the other file still loads.
        self.bad = os.path.join(self.providers, "typo.json")
        with open(self.bad, "w") as f:
            json.dump(dict(ACME, name="typo", signatur={}), f)
        previous = os.environ.get("XDG_CONFIG_HOME")
        os.environ["XDG_CONFIG_HOME"] = config_home
        os.environ["HB_E2E_ACME_SECRET"] = SECRET
        self.addCleanup(os.environ.pop, "HB_E2E_ACME_SECRET", None)
        if previous is None:
            self.addCleanup(os.environ.pop, "XDG_CONFIG_HOME", None)
        else:
            self.addCleanup(os.environ.__setitem__, "XDG_CONFIG_HOME", previous)

    def sign(self, *extra):
        body = self.write_file("body.json", b'{"event":"invoice.paid","amount":4200}')
        r = hbe2e.run_cli("sign", "--provider", "acme", "--secret-env", "HB_E2E_ACME_SECRET",
                          "--at", AT, "--id", "dlv_1", *extra, body)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r

    def test_providers_lists_and_shows_the_users_file(self):
        r = hbe2e.run_cli("providers", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        listed = {p["name"]: p for p in json.loads(r.stdout)}
        self.assertEqual(listed["acme"]["source"], "user")
        self.assertEqual(listed["acme"]["path"], os.path.join(self.providers, "acme.json"))
        self.assertEqual(listed["stripe"]["source"], "built-in")
        self.assertEqual(listed["twilio"]["source"], "code")
        self.assertNotIn("typo", listed)
        stderr = r.stderr.decode()
        self.assertIn("provider file refused: %s: signatur: unknown key" % self.bad, stderr)

        shown = hbe2e.run_cli("providers", "--show", "acme")
        self.assertEqual(shown.returncode, 0, shown.stderr)
        definition = json.loads(shown.stdout)
        self.assertEqual(definition["signature"]["content"], "{id}:{timestamp}:{body}")
        self.assertEqual(definition["timestamp"]["tolerance_s"], 120)
        # A built-in one, saved under a new name, is a new provider.
        stripe = json.loads(hbe2e.run_cli("providers", "--show", "stripe").stdout)
        stripe["name"] = "stripe-copy"
        with open(os.path.join(self.providers, "stripe-copy.json"), "w") as f:
            json.dump(stripe, f)
        names = [p["name"] for p in json.loads(hbe2e.run_cli("providers", "--json").stdout)]
        self.assertIn("stripe-copy", names)
        code = hbe2e.run_cli("providers", "--show", "twilio")
        self.assertEqual(code.returncode, 1)
        self.assertEqual(code.stdout, b"")
        self.assertIn(b"defined in code", code.stderr)

    def test_sign_then_verify_with_the_users_provider(self):
        raw = self.sign().stdout
        self.assertIn(b"X-Acme-Signature: sha512=", raw)
        self.assertIn(b"X-Acme-Event: ping", raw)
        request = self.write_file("request.http", raw)
        for provider in ("acme", "auto"):
            v = hbe2e.run_cli("verify", "--provider", provider, "--secret-env",
                              "HB_E2E_ACME_SECRET", "--at", AT, "--json", request)
            self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
            verdict = json.loads(v.stdout)
            self.assertEqual(verdict["provider"], "acme")
            self.assertEqual(verdict["reason"], "ok")
        stale = hbe2e.run_cli("verify", "--provider", "acme", "--secret-env",
                              "HB_E2E_ACME_SECRET", "--at", str(int(AT) + 121), "--json", request)
        self.assertEqual(json.loads(stale.stdout)["reason"], "timestamp_outside_tolerance")

    def test_listen_verifies_with_the_users_provider(self):
        config = self.write_config({"endpoints": [
            {"id": "acme", "path": "/hooks/acme", "provider": "acme", "tolerance_s": 0}]})
        listener = self.start_listener(config=config,
                                       extra_args=["--secret-env", "acme=HB_E2E_ACME_SECRET"])
        raw = self.sign("--url", "http://%s:%d/hooks/acme" % (listener.host, listener.port)).stdout
        r = hbe2e.exchange(listener.host, listener.port, raw)
        self.assertEqual(r.status, 200)
        line = listener.next_jsonl()
        self.assertEqual(line["provider"], "acme")
        self.assertEqual(line["verdict"]["reason"], "ok", line)
        self.stop_listener(listener)


if __name__ == "__main__":
    hbe2e.main()
