#!/usr/bin/env python3
"""`hookbench-cli secrets set|list|delete` against a real Secret Service.

Run through with-keyring.sh (CTest does):
    with-keyring.sh python3 test_secrets_cli.py PATH/TO/hookbench-cli PATH/TO/tst_keychainsecretstore
The second program prints what the keychain holds (`--print-hex ENDPOINT_ID`), to check exact bytes.
"""

import json
import os
import secrets as random_secrets
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import secretscan  # noqa: E402

CLI = None
HELPER = None
UNAVAILABLE = b"hookbench-cli: No OS keychain is available (Secret Service over D-Bus): "


def distinctive(tag):
    return ("hb-%s-%s" % (tag, random_secrets.token_hex(16))).encode()


class SecretsCliTest(unittest.TestCase):
    maxDiff = 4000

    def setUp(self):
        tmp = tempfile.TemporaryDirectory(prefix="hookbench-secrets-cli-")
        self.addCleanup(tmp.cleanup)
        self.tmp = tmp.name
        self.env = secretscan.isolated_env(self.tmp)
        self.prefix = "t%s-" % random_secrets.token_hex(4)  # the keyring is shared by all tests
        self.ids = [self.prefix + name for name in ("stripe", "github", "empty")]
        self.config = os.path.join(self.tmp, "config.json")
        with open(self.config, "w") as f:
            json.dump({"endpoints": [{"id": i, "path": "/" + i} for i in self.ids]}, f)
        self.outputs = []  # every stdout/stderr, to check none shows a secret

    def cli(self, *args, stdin=None, env=None, extra_env=None):
        run_env = dict(env or self.env)
        run_env.update(extra_env or {})
        r = subprocess.run([CLI] + list(args), input=stdin,
                           stdin=None if stdin is not None else subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=run_env, timeout=60)
        self.outputs += [r.stdout, r.stderr]
        return r

    def stored(self, endpoint_id):
        """[(value bytes, label)] the keychain holds for the endpoint, current first."""
        r = subprocess.run([HELPER, "--print-hex", endpoint_id], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=self.env, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = [line.split("\t", 1) for line in r.stdout.decode().splitlines()]
        return [(bytes.fromhex(h), label) for h, label in rows]

    def assertNoSecretIn(self, secrets):
        for out in self.outputs:
            for s in secrets:
                for form, needle in secretscan.forms(s):
                    self.assertNotIn(needle, out, "a secret (%s) was printed" % form)

    def test_set_list_delete_round_trip(self):
        stripe, github = self.ids[0], self.ids[1]
        s1, s2, s3, s4 = (distinctive(t) for t in ("one", "two", "three", "four"))

        r = self.cli("secrets", "set", stripe, "--from-env", "HB_S1", extra_env={"HB_S1": s1.decode()})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"current", r.stdout)
        self.assertEqual([v for v, _ in self.stored(stripe)], [s1])

        # stdin: one trailing \r\n is removed, nothing else
        r = self.cli("secrets", "set", stripe, "--from-stdin", stdin=b"  " + s2 + b"\r\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"previous", r.stdout)
        self.assertEqual([v for v, _ in self.stored(stripe)], [b"  " + s2, s1])

        # rotation keeps current + previous: s1 goes; only one of the two \n is removed
        r = self.cli("secrets", "set", stripe, "--from-stdin", stdin=s3 + b"\n\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        stored = self.stored(stripe)
        self.assertEqual([v for v, _ in stored], [s3 + b"\n", b"  " + s2])
        for _, label in stored:
            self.assertRegex(label, r"^added \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$")

        # binary bytes through stdin, exactly
        binary = b"\0\xff\r\n" + distinctive("bin") + b"\x00"
        r = self.cli("secrets", "set", github, "--from-stdin", stdin=binary)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([v for v, _ in self.stored(github)], [binary])
        r = self.cli("secrets", "set", github, "--from-env", "HB_S4", extra_env={"HB_S4": s4.decode()})
        self.assertEqual(r.returncode, 0, r.stderr)

        r = self.cli("secrets", "list", "--config", self.config)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = [line.split("\t") for line in r.stdout.decode().splitlines()]
        self.assertEqual([(row[0], row[1]) for row in rows],
                         [(stripe, "2"), (github, "2"), (self.ids[2], "0")])
        self.assertIn("(current)", rows[0][2])
        self.assertIn("(previous)", rows[0][2])

        # the default config file (QStandardPaths: $XDG_CONFIG_HOME/hookbench/config.json)
        default = os.path.join(self.env["XDG_CONFIG_HOME"], "hookbench", "config.json")
        os.makedirs(os.path.dirname(default))
        with open(self.config) as src, open(default, "w") as dst:
            dst.write(src.read())
        r = self.cli("secrets", "list")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(r.stdout.splitlines()), 3)

        r = self.cli("secrets", "delete", stripe)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.stored(stripe), [])
        self.assertEqual(len(self.stored(github)), 2)  # the other endpoint is untouched
        r = self.cli("secrets", "delete", stripe)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, b"")
        self.assertIn(b"no secrets stored", r.stderr)
        r = self.cli("secrets", "list", "--config", self.config)
        self.assertEqual(r.stdout.decode().splitlines()[0].split("\t")[:2], [stripe, "0"])
        self.assertEqual(self.cli("secrets", "delete", github).returncode, 0)

        self.assertNoSecretIn([s1, s2, s3, s4, binary])
        hits = secretscan.scan([self.tmp], [s1, s2, s3, s4, binary])
        self.assertEqual(hits, [])

    def test_set_warns_about_an_unknown_endpoint_but_stores(self):
        unknown = self.prefix + "typo"
        s = distinctive("typo")
        r = self.cli("secrets", "set", unknown, "--from-env", "HB_S", "--config", self.config,
                     extra_env={"HB_S": s.decode()})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"warning: no endpoint", r.stderr)
        self.assertEqual([v for v, _ in self.stored(unknown)], [s])
        self.assertEqual(self.cli("secrets", "delete", unknown).returncode, 0)
        self.assertNoSecretIn([s])

    def test_usage_errors_exit_2_with_nothing_on_stdout(self):
        target = self.ids[0]
        bad_json = os.path.join(self.tmp, "bad.json")
        with open(bad_json, "w") as f:
            f.write('{"endpoints": [{"id": "x", "path": "/x", "secret": "no"}]}')
        cases = [
            (("secrets",), None, {}),
            (("secrets", "frobnicate"), None, {}),
            (("secrets", "set"), None, {}),
            (("secrets", "set", target), None, {}),
            (("secrets", "set", target, "extra", "--from-stdin"), b"x" * 20, {}),
            (("secrets", "set", target, "--from-env", "HB_X", "--from-stdin"), b"y" * 20,
             {"HB_X": "z" * 20}),
            (("secrets", "set", target, "--from-env", "HB_DEFINITELY_UNSET"), None, {}),
            (("secrets", "set", target, "--from-env", "HB_EMPTY"), None, {"HB_EMPTY": ""}),
            (("secrets", "set", target, "--from-stdin"), b"", {}),
            (("secrets", "set", target, "--from-stdin"), b"\r\n", {}),
            (("secrets", "set", target, "--no-such-option"), None, {}),
            (("secrets", "list", target), None, {}),
            (("secrets", "list", "--config", os.path.join(self.tmp, "missing.json")), None, {}),
            (("secrets", "list", "--config", bad_json), None, {}),
            (("secrets", "delete"), None, {}),
            (("secrets", "delete", target, "--from-stdin"), b"q" * 20, {}),
        ]
        for args, stdin, extra in cases:
            with self.subTest(args=args):
                r = self.cli(*args, stdin=stdin, extra_env=extra)
                self.assertEqual(r.returncode, 2, (r.stdout, r.stderr))
                self.assertEqual(r.stdout, b"")
                self.assertTrue(r.stderr.startswith(b"hookbench-cli: "), r.stderr)
        r = self.cli("secrets", "list", "--config", bad_json)
        self.assertIn(b"endpoints[0].secret", r.stderr)  # the config loader's key path
        self.assertEqual(self.stored(target), [])  # none of them wrote anything

    def test_help_explains_rotation(self):
        r = self.cli("secrets", "--help")
        self.assertEqual(r.returncode, 0)
        for word in (b"--from-env", b"--from-stdin", b"previous", b"creation date", b"\\r\\n",
                     b"never"):
            self.assertIn(word, r.stdout)
        r = self.cli("--help")
        self.assertIn(b"secrets", r.stdout)

    def test_sign_with_the_keychain_secret(self):
        """sign --secret-keychain ID signs with the endpoint's current secret, never printing it;
        verify with the same secret accepts it, and with the previous one it does not."""
        stripe = self.ids[0]
        old, current = distinctive("old"), distinctive("current")
        for s in (old, current):
            r = self.cli("secrets", "set", stripe, "--from-env", "HB_S",
                         extra_env={"HB_S": s.decode()})
            self.assertEqual(r.returncode, 0, r.stderr)
        body = b'{"id":"evt_1","type":"ping"}'
        r = self.cli("sign", "--provider", "stripe", "--secret-keychain", stripe,
                     "--url", "http://127.0.0.1:8787/stripe", "-", stdin=body)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.endswith(b"\r\n\r\n" + body), r.stdout)
        request = os.path.join(self.tmp, "signed.http")
        with open(request, "wb") as f:
            f.write(r.stdout)
        for secret, expected in ((current, 0), (old, 1)):
            v = self.cli("verify", "--provider", "stripe", "--secret-env", "HB_S", request,
                         extra_env={"HB_S": secret.decode()})
            self.assertEqual(v.returncode, expected, v.stdout + v.stderr)
        # An endpoint without a secret, and two secret options at once, are usage errors.
        for args in ((self.ids[2],), (stripe, "--secret-env", "HB_S")):
            r = self.cli("sign", "--provider", "stripe", "--secret-keychain", *args, "-",
                         stdin=body, extra_env={"HB_S": "x"})
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertEqual(r.stdout, b"")
        self.assertIn(b"no secret stored for endpoint", self.outputs[-3])
        self.assertNoSecretIn([old, current])

    def test_no_keychain_exits_3_and_stores_nothing(self):
        s = distinctive("nokeychain")
        for address in ("unix:path=/nonexistent/hookbench-bus", None):
            env = dict(self.env)
            env.pop("DBUS_SESSION_BUS_ADDRESS", None)
            env.pop("DISPLAY", None)
            if address:
                env["DBUS_SESSION_BUS_ADDRESS"] = address
            else:  # no address and no user bus either
                env["XDG_RUNTIME_DIR"] = os.path.join(self.tmp, "no-runtime")
            for args, stdin in ((("secrets", "set", self.ids[0], "--from-stdin"), s + b"\n"),
                                (("secrets", "set", self.ids[0], "--from-env", "HB_S"), None),
                                (("secrets", "list", "--config", self.config), None),
                                (("secrets", "delete", self.ids[0]), None),
                                (("sign", "--provider", "stripe", "--secret-keychain",
                                  self.ids[0], "-"), b"{}")):
                with self.subTest(address=address, args=args):
                    r = self.cli(*args, stdin=stdin, env=env, extra_env={"HB_S": s.decode()})
                    self.assertEqual(r.returncode, 3, r.stderr)
                    self.assertEqual(r.stdout, b"")
                    self.assertTrue(r.stderr.startswith(UNAVAILABLE), r.stderr)
                    self.assertEqual(r.stderr.count(b"\n"), 1, r.stderr)  # one line
        self.assertNoSecretIn([s])
        self.assertEqual(secretscan.scan([self.tmp], [s]), [])
        self.assertEqual(self.stored(self.ids[0]), [])  # and not in the real keychain either


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.stderr.write("usage: %s hookbench-cli tst_keychainsecretstore [unittest options]\n"
                         % sys.argv[0])
        sys.exit(2)
    CLI, HELPER = (os.path.abspath(p) for p in sys.argv[1:3])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)
