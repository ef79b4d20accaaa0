#!/usr/bin/env python3
"""hookbench-cli verify / sign / providers: exit codes, JSON output, secret handling."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

CLI = sys.argv.pop(1) if len(sys.argv) > 1 else "hookbench-cli"
T = 1763779200


def run(*args, env=None, stdin=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, env=e, timeout=60)


class CliVerify(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.body = os.path.join(self.dir.name, "body.json")
        with open(self.body, "wb") as f:
            f.write(b'{"id":"evt_1","object":"event"}')

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name, data):
        p = os.path.join(self.dir.name, name)
        with open(p, "wb") as f:
            f.write(data)
        return p

    def signed(self, provider="stripe", secret=b"whsec_abc", *extra):
        r = run("sign", "--provider", provider, "--secret-env", "S", "--at", str(T), *extra,
                self.body, env={"S": secret.decode()})
        self.assertEqual(r.returncode, 0, r.stderr)
        return self.path("req.raw", r.stdout)

    def verify(self, req, *args, env=None, stdin=None):
        return run("verify", *args, "--at", str(T + 1), "--json", req, env=env, stdin=stdin)

    def test_valid_is_exit_0_with_one_json_line(self):
        r = self.verify(self.signed(), "--provider", "stripe", "--secret-env", "S", env={"S": "whsec_abc"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.count(b"\n"), 1)
        v = json.loads(r.stdout)
        self.assertEqual((v["valid"], v["reason"], v["matched_secret"]), (True, "ok", 0))

    def test_invalid_is_exit_1(self):
        r = self.verify(self.signed(), "--provider", "stripe", "--secret-env", "S", env={"S": "whsec_other"})
        self.assertEqual(r.returncode, 1)
        self.assertEqual(json.loads(r.stdout)["reason"], "signature_mismatch")

    def test_usage_errors_are_exit_2_with_empty_stdout(self):
        req = self.signed()
        for args in (["--provider", "nope", "--secret-env", "S"],
                     ["--secret-env", "S"],
                     ["--provider", "stripe", "--secret-env", "UNSET_VARIABLE_XYZ"],
                     ["--provider", "stripe", "--tolerance", "abc"],
                     ["--provider", "generic-hmac", "--algorithm", "sha256"]):
            r = run("verify", *args, req, env={"S": "x"})
            self.assertEqual(r.returncode, 2, args)
            self.assertEqual(r.stdout, b"", args)
            self.assertTrue(r.stderr)
        r = run("verify", "--provider", "stripe", "--secret-env", "S", os.path.join(self.dir.name, "missing"), env={"S": "x"})
        self.assertEqual((r.returncode, r.stdout), (2, b""))
        r = run("verify", "--provider", "stripe", "--secret-env", "S", self.path("junk", b"\x00\x01 not http\r\n\r\n"), env={"S": "x"})
        self.assertEqual((r.returncode, r.stdout), (2, b""))

    def test_secret_file_strips_one_newline(self):
        req = self.signed()
        for content, ok in ((b"whsec_abc\n", True), (b"whsec_abc\r\n", True), (b"whsec_abc", True),
                            (b"whsec_abc\n\n", False)):
            r = self.verify(req, "--provider", "stripe", "--secret-file", self.path("s", content))
            self.assertEqual(r.returncode, 0 if ok else 1, content)
            if not ok:
                v = json.loads(r.stdout)
                self.assertEqual([h["code"] for h in v["hazards"]], ["secret_whitespace"])

    def test_secret_env_is_exact_and_order_kept(self):
        req = self.signed()
        r = self.verify(req, "--provider", "stripe", "--secret-env", "A", "--secret-file",
                        self.path("s", b"whsec_abc\n"), env={"A": "whsec_abc "})
        v = json.loads(r.stdout)
        self.assertEqual((r.returncode, v["matched_secret"]), (0, 1))

    def test_stdin_and_auto(self):
        with open(self.signed("github", b"k"), "rb") as f:
            req = f.read()
        r = self.verify("-", "--provider", "auto", "--secret-env", "S", env={"S": "k"}, stdin=req)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["provider"], "github")

    def test_human_report(self):
        r = run("verify", "--provider", "stripe", "--secret-env", "S", "--at", str(T), self.signed(), env={"S": "whsec_abc"})
        self.assertEqual(r.returncode, 0)
        self.assertIn(b"VALID (ok)", r.stdout)

    def test_break_modes(self):
        for mode, reason in (("stale-timestamp", "timestamp_outside_tolerance"),
                             ("tampered-body", "signature_mismatch"),
                             ("missing-header", "missing_signature_header"),
                             ("wrong-secret", "signature_mismatch")):
            req = self.signed("stripe", b"whsec_abc", "--break", mode)
            r = self.verify(req, "--provider", "stripe", "--secret-env", "S", env={"S": "whsec_abc"})
            self.assertEqual((r.returncode, json.loads(r.stdout)["reason"]), (1, reason), mode)

    def test_generic_hmac(self):
        gen = ["--provider", "generic-hmac", "--header", "x-hmac", "--algorithm", "sha1", "--encoding", "base64"]
        r = run("sign", *gen, "--secret-env", "S", self.body, env={"S": "k"})
        self.assertEqual(r.returncode, 0, r.stderr)
        req = self.path("g.raw", r.stdout)
        r = run("verify", *gen, "--secret-env", "S", "--json", req, env={"S": "k"})
        self.assertEqual(r.returncode, 0, r.stdout)

    def test_deeply_nested_json_is_bounded(self):
        # Issue 12: 40,000 nested arrays with a wrong signature took 31 s and 9.4 GB of memory.
        with open(self.body, "wb") as f:
            f.write(b"[" * 40000 + b"]" * 40000)
        req = self.signed("stripe", b"whsec_wrong")
        out_path = os.path.join(self.dir.name, "out.json")
        with open(out_path, "wb") as out:
            p = subprocess.Popen([CLI, "verify", "--provider", "stripe", "--secret-env", "S",
                                  "--at", str(T + 1), "--json", req], stdout=out,
                                 stderr=subprocess.PIPE, env=dict(os.environ, S="whsec_abc"))
            # wait4 gives this child's own peak memory (a bound on the work, not a timing).
            _, status, usage = os.wait4(p.pid, 0)
        self.assertEqual(os.waitstatus_to_exitcode(status), 1, p.stderr.read())
        p.stderr.close()
        with open(out_path, "rb") as f:
            v = json.loads(f.read())
        self.assertEqual(v["reason"], "signature_mismatch")
        self.assertTrue(v["diagnosed"])
        self.assertEqual(v["skipped_checks"], [{
            "check": "body_modified", "transform": "json_reserialized", "reason": "json_depth",
            "detail": "JSON nested deeper than 1024 levels: re-serialisation checks skipped"}])
        self.assertLess(usage.ru_maxrss, 256 * 1024, "peak RSS in KiB")  # was 9.4 GB
        r = run("verify", "--provider", "stripe", "--secret-env", "S", "--at", str(T + 1), req,
                env={"S": "whsec_abc"})
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"note: JSON nested deeper than 1024 levels: re-serialisation checks skipped",
                      r.stdout)

    def test_providers(self):
        r = run("providers")
        self.assertEqual(r.returncode, 0)
        for name in (b"stripe", b"github", b"standard-webhooks", b"svix", b"slack", b"shopify",
                     b"twilio", b"paddle", b"square", b"linear", b"discord", b"generic-hmac"):
            self.assertIn(name, r.stdout)
        self.assertIn(b"Stripe-Signature", r.stdout)

    def test_jwt_providers_listed_and_shown(self):
        listed = {p["name"]: p for p in json.loads(run("providers", "--json").stdout)}
        self.assertEqual(listed["netlify"]["signature_headers"], ["X-Webhook-Signature"])
        self.assertEqual(listed["netlify"]["source"], "code")
        self.assertEqual(listed["atlassian-connect"]["signature_headers"], ["Authorization"])
        self.assertEqual(listed["jira"]["source"], "built-in")
        text = run("providers").stdout
        for name in (b"netlify", b"atlassian-connect", b"jira"):
            self.assertIn(b"\n" + name + b" ", text)
        # JWT-signed providers are code: --show refuses them and says why.
        for name in ("netlify", "atlassian-connect"):
            r = run("providers", "--show", name)
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertEqual(r.stdout, b"")
            self.assertIn(b"a JWT", r.stderr)
        jira = json.loads(run("providers", "--show", "jira").stdout)
        self.assertEqual(jira["signature"]["headers"], [{"name": "X-Hub-Signature", "prefix": "sha256="}])
        self.assertEqual(jira["detect"]["headers"], ["X-Atlassian-Webhook-Identifier", "X-Hub-Signature"])

    def test_jwt_providers_sign_and_verify(self):
        for provider in ("netlify", "atlassian-connect", "jira"):
            req = self.signed(provider, b"jwt-secret-1")
            r = self.verify(req, "--provider", provider, "--secret-env", "S", env={"S": "jwt-secret-1"})
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            r = self.verify(req, "--provider", provider, "--secret-env", "S", env={"S": "other"})
            self.assertEqual(json.loads(r.stdout)["reason"], "signature_mismatch")


if __name__ == "__main__":
    unittest.main()
