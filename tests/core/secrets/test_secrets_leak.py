#!/usr/bin/env python3
"""Leak test: a whole session with secrets, then no file anywhere may hold a secret.

Run through with-keyring.sh (CTest does):
    with-keyring.sh python3 test_secrets_leak.py PATH/TO/hookbench-cli [PATH/TO/tst_keychainsecretstore]

With HOME and the XDG folders in a temporary folder: set secrets via the CLI for two endpoints,
capture signed requests sent with curl through `listen`, verify with --secret-env (when `verify`
exists), export in every format the CLI has, then search every file under the temporary HOME, the
work folder and the keyring's HOME (config, store and its -wal/-shm, exports, QSettings, logs) for
each secret as plain bytes, hex and base64.
"""

import hashlib
import hmac
import json
import os
import secrets as random_secrets
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "e2e"))
import hbe2e  # noqa: E402
import secretscan  # noqa: E402

EXPORT_FORMATS = ("raw", "jsonl", "har", "curl")


def supports(*args):
    r = hbe2e.run_cli(*args, "--help")
    return r.returncode == 0, r.stdout


class SecretLeakTest(unittest.TestCase):
    maxDiff = 4000

    def setUp(self):
        tmp = tempfile.TemporaryDirectory(prefix="hookbench-leak-")
        self.addCleanup(tmp.cleanup)
        self.tmp = tmp.name
        self.work = os.path.join(self.tmp, "work")
        os.makedirs(self.work)
        self.keyring_home = os.environ.get("HOME")
        # Every process of this test (listener, CLI) sees the temporary HOME and XDG folders.
        saved = dict(os.environ)
        self.addCleanup(lambda: (os.environ.clear(), os.environ.update(saved)))
        isolated = secretscan.isolated_env(self.tmp)
        os.environ.clear()
        os.environ.update(isolated)
        self.home = os.environ["HOME"]

    def log(self, name, data):
        with open(os.path.join(self.work, name), "ab") as f:
            f.write(data)

    def cli(self, *args, stdin=None, log=None, env=None):
        run_env = dict(os.environ)
        run_env.update(env or {})
        r = subprocess.run([hbe2e.CLI] + [str(a) for a in args], input=stdin,
                           stdin=None if stdin is not None else subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=run_env,
                           timeout=60)
        self.log((log or args[0]) + ".log", b"$ " + " ".join(map(str, args)).encode() + b"\n"
                 + r.stdout + r.stderr)
        return r

    def test_no_secret_in_any_file(self):
        stripe_current = ("whsec_" + random_secrets.token_urlsafe(30)).encode()
        stripe_previous = ("whsec_" + random_secrets.token_urlsafe(30)).encode()
        github = ("gh-" + random_secrets.token_hex(24)).encode()
        env_only = ("whsec_env_" + random_secrets.token_urlsafe(24)).encode()
        all_secrets = [stripe_current, stripe_previous, github, env_only]

        config = os.path.join(self.work, "config.json")
        with open(config, "w") as f:
            json.dump({"endpoints": [
                {"id": "stripe-dev", "path": "/stripe", "provider": "stripe", "tolerance_s": 300},
                {"id": "github", "path": "/github", "provider": "github"},
            ]}, f, indent=2)
        # the default config location too, as the GUI would have it
        default_config = os.path.join(os.environ["XDG_CONFIG_HOME"], "hookbench", "config.json")
        os.makedirs(os.path.dirname(default_config))
        shutil.copy(config, default_config)

        # 1. secrets into the keychain (with a rotation for stripe-dev)
        r = self.cli("secrets", "set", "stripe-dev", "--from-env", "HB_LEAK_SECRET",
                     env={"HB_LEAK_SECRET": stripe_previous.decode()})
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.cli("secrets", "set", "stripe-dev", "--from-stdin", stdin=stripe_current + b"\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.cli("secrets", "set", "github", "--from-stdin", stdin=github)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.cli("secrets", "list", "--config", config)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([line.split("\t")[:2] for line in r.stdout.decode().splitlines()],
                         [["stripe-dev", "2"], ["github", "1"]])

        # 2. capture signed requests through the listener, sent with curl
        store = os.path.join(self.work, "captures.sqlite")
        extra = []
        listen_ok, listen_help = supports("listen")
        self.assertTrue(listen_ok)
        if b"--secret-env" in listen_help:
            extra = ["--secret-env", "stripe-dev=HB_LEAK_ENV_SECRET"]
            os.environ["HB_LEAK_ENV_SECRET"] = env_only.decode()
        listener = hbe2e.Listener(store=store, config=config, extra_args=extra)
        self.addCleanup(listener.kill)
        now = int(time.time())
        requests = []
        for i, (path, secret) in enumerate([("/stripe", stripe_current),
                                            ("/stripe", stripe_previous),
                                            ("/stripe", env_only), ("/github", github),
                                            ("/unmatched", None)]):
            body = json.dumps({"id": "evt_%d" % i, "type": "charge.succeeded",
                               "data": {"n": i}}).encode()
            headers = ["Content-Type: application/json"]
            if path == "/stripe":
                sig = hmac.new(secret, b"%d.%s" % (now, body), hashlib.sha256).hexdigest()
                headers.append("Stripe-Signature: t=%d,v1=%s" % (now, sig))
            elif path == "/github":
                sig = hmac.new(secret, body, hashlib.sha256).hexdigest()
                headers += ["X-Hub-Signature-256: sha256=" + sig, "X-GitHub-Event: push",
                            "X-GitHub-Delivery: d-%d" % i]
            args = ["curl", "-sS", "--max-time", "30", "-o", os.devnull, "-w", "%{http_code}",
                    "--data-binary", "@-"]
            for h in headers:
                args += ["-H", h]
            r = subprocess.run(args + [listener.url + path], input=body, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout, b"200")
            requests.append((path, body, headers))
            line = listener.next_jsonl()  # stored before answered; printed as soon as stored
            self.assertEqual(line["target"], path)
            self.log("listen.jsonl", json.dumps(line).encode() + b"\n")
        code = listener.terminate()
        self.log("listen.stderr.log", listener.stderr_text().encode())
        self.assertEqual(code, 0, listener.stderr_text())

        # 3. verify (when the command exists), with the secrets given through the environment
        verify_ok, _ = supports("verify")
        if verify_ok:
            path, body, headers = requests[0]
            raw = ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\nContent-Length: %d\r\n\r\n"
                   % (path, "\r\n".join(headers), len(body))).encode() + body
            request_file = os.path.join(self.work, "request.http")
            with open(request_file, "wb") as f:
                f.write(raw)
            r = self.cli("verify", "--provider", "stripe", "--secret-env", "HB_V1",
                         "--secret-env", "HB_V2", "--json", request_file,
                         env={"HB_V1": env_only.decode(), "HB_V2": stripe_current.decode()})
            self.assertIn(r.returncode, (0, 1), r.stderr)
            verdict = json.loads(r.stdout)
            self.assertEqual(verdict["matched_secret"], 1, verdict)
        sign_ok, _ = supports("sign")
        if sign_ok:
            body_file = os.path.join(self.work, "body.json")
            with open(body_file, "wb") as f:
                f.write(requests[0][1])
            r = self.cli("sign", "--provider", "stripe", "--secret-env", "HB_SIGN", body_file,
                         env={"HB_SIGN": stripe_current.decode()})
            self.assertEqual(r.returncode, 0, r.stderr)

        # 4. export every format the CLI has
        exported = []
        for fmt in EXPORT_FORMATS:
            out = os.path.join(self.work, "export." + fmt)
            r = self.cli("export", "--store", store, "--format", fmt, "-o", out, log="export")
            if r.returncode == 2 and not os.path.exists(out):
                continue  # a format not built yet
            self.assertEqual(r.returncode, 0, r.stderr)
            exported.append(fmt)
        self.assertIn("raw", exported)
        self.assertIn("jsonl", exported)
        with open(os.path.join(self.work, "export.jsonl"), "rb") as f:
            self.assertEqual(len(f.read().splitlines()), len(requests))  # not a vacuous scan

        # 5. the scan. First prove it finds what it looks for, in every form.
        probe = os.path.join(self.tmp, "probe")
        os.makedirs(probe)
        for name, needle in secretscan.forms(github):
            with open(os.path.join(probe, name), "wb") as f:
                f.write(b"x" + needle + b"y")
        import base64
        with open(os.path.join(probe, "inside-base64"), "wb") as f:
            f.write(base64.b64encode(b"{\"v\":\"" + github + b"\"}"))  # at an odd alignment
        found = {form for _, _, form in secretscan.scan([probe], [github])}
        self.assertGreaterEqual(len(found), 5, found)
        self.assertTrue(any(path.endswith("inside-base64")
                            for path, _, _ in secretscan.scan([probe], [github])))
        shutil.rmtree(probe)

        roots = [self.home, self.work]
        if self.keyring_home and os.path.isdir(self.keyring_home) and \
                os.environ.get("HB_KEYRING_STAGE") == "inside":
            roots.append(self.keyring_home)  # with-keyring.sh's HOME: the keyring itself
        files = secretscan.files_under(roots)
        names = [os.path.basename(p) for p in files]
        self.assertIn("captures.sqlite", names)
        self.assertIn("config.json", names)
        hits = secretscan.scan(roots, all_secrets)
        self.assertEqual(hits, [], "secrets found in files (path, secret index, form)")
        sys.stderr.write("scanned %d files under %s: no secret in any form (exports: %s%s%s)\n"
                         % (len(files), ", ".join(roots), ", ".join(exported),
                            "; verify" if verify_ok else "", "; sign" if sign_ok else ""))


if __name__ == "__main__":
    if len(sys.argv) < 2 or not os.access(sys.argv[1], os.X_OK):
        sys.stderr.write("usage: %s PATH/TO/hookbench-cli [helper] [unittest options]\n"
                         % sys.argv[0])
        sys.exit(2)
    hbe2e.CLI = os.path.abspath(sys.argv[1])
    rest = sys.argv[2:]
    if rest and os.access(rest[0], os.X_OK):
        rest = rest[1:]  # the keychain helper: not needed here
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
