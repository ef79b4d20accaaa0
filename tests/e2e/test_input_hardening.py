#!/usr/bin/env python3
"""Issue 12, items 5 and 6, from outside: what a careless config file or a malformed request file
gets from hookbench-cli. Every refusal is exit 2, nothing on stdout, one line on stderr naming the
file, the key path (for a config) and the problem."""

import os
import subprocess

import hbe2e
from hbe2e import run_cli

SECRET = "whsec_dGVzdHNlY3JldHRlc3RzZWNyZXQ="


class InputHardeningTest(hbe2e.E2ETestCase):

    def assertRefused(self, result, *needles):
        err = result.stderr.decode("utf-8", "replace")
        self.assertEqual(result.returncode, 2, "stderr: " + err)
        self.assertEqual(result.stdout, b"")
        self.assertEqual(len(err.strip().splitlines()), 1, "one line expected: %r" % err)
        for needle in needles:
            self.assertIn(needle, err)
        return err

    def listen_with(self, config_path, *extra):
        return run_cli("listen", "--port", "0", "--store", self.store, "--config", config_path,
                       *extra, timeout=30)

    # --- config files ---------------------------------------------------------------------------

    BAD_CONFIGS = [
        ("unknown provider",
         '{"endpoints":[{"id":"a","path":"/a","provider":"strype"}]}',
         'endpoints[0].provider: unknown provider "strype"'),
        ("duplicate key",
         '{"listen":{"port":0,\n"port":8787}}',
         "listen.port: duplicate key (again on line 2)"),
        ("duplicate key in an endpoint",
         '{"endpoints":[{"id":"a","path":"/a","provider":"stripe","provider":"github"}]}',
         "endpoints[0].provider: duplicate key"),
        ("empty id", '{"endpoints":[{"id":"","path":"/a"}]}',
         "endpoints[0].id: an id cannot be empty"),
        ("NUL in id", '{"endpoints":[{"id":"a\\u0000b","path":"/a"}]}',
         "endpoints[0].id: an id cannot contain a NUL byte"),
        ("CR LF in a response header",
         '{"endpoints":[{"id":"a","path":"/a","response":'
         '{"headers":{"X-A":"1\\r\\nSet-Cookie: s=1"}}}]}',
         "endpoints[0].response.headers.X-A: a header value cannot contain a carriage return"),
        ("bind not an address", '{"listen":{"bind":"nonsense"}}',
         'listen.bind: not an IP address: "nonsense"'),
    ]

    def test_bad_config_files_are_refused_naming_file_and_key(self):
        for i, (name, text, needle) in enumerate(self.BAD_CONFIGS):
            with self.subTest(name):
                path = self.write_file("bad-%d.json" % i, text)
                self.assertRefused(self.listen_with(path), path + ": " + needle)
        self.assertFalse(os.path.exists(self.store), "a bad config must not create the store")

    def test_bad_bind_flag_still_names_the_flag(self):
        path = self.write_file("ok.json", '{"listen":{"bind":"127.0.0.1"}}')
        self.assertRefused(self.listen_with(path, "--bind", "nonsense"),
                           "--bind expects an IP address")

    def test_huge_config_is_refused_before_it_is_read(self):
        path = os.path.join(self.tmp, "huge.json")
        with open(path, "wb") as f:
            f.truncate(121 * 1000 * 1000)  # sparse: no disk used
        self.assertRefused(self.listen_with(path), path + ": the file is 121000000 bytes",
                           "at most 4194304 bytes")

    # --- verify: one request per file -----------------------------------------------------------

    def signed_request(self):
        body = self.write_file("body.json", b'{"id":"evt_1","type":"customer.created"}')
        r = subprocess.run(
            [hbe2e.CLI, "sign", "--provider", "stripe", "--secret-env", "HB_E2E_SECRET",
             "--at", "1763779200", body],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(os.environ, HB_E2E_SECRET=SECRET), timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def verify(self, request):
        path = self.write_file("request.http", request)
        return subprocess.run(
            [hbe2e.CLI, "verify", "--provider", "stripe", "--secret-env", "HB_E2E_SECRET",
             "--at", "1763779200", path],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(os.environ, HB_E2E_SECRET=SECRET), timeout=60), path

    def test_signed_request_verifies(self):
        r, _ = self.verify(self.signed_request())
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_short_body_says_shorter_than_content_length(self):
        request = self.signed_request()
        body_len = len(request) - request.index(b"\r\n\r\n") - 4
        cut = request[:-10]
        r, path = self.verify(cut)
        err = self.assertRefused(r, path + ": the body is shorter than Content-Length (%d of %d "
                                 "bytes)" % (body_len - 10, body_len))
        self.assertNotIn("limit", err)

    def test_bytes_after_the_request_are_refused(self):
        request = self.signed_request()
        r, path = self.verify(request + b"GET /second HTTP/1.1\r\n\r\n")
        self.assertRefused(r, path + ": 24 bytes follow the end of the request (from byte %d"
                           % len(request))
        r, path = self.verify(request + b"\n")
        self.assertRefused(r, "1 bytes follow the end of the request")

    # --- sign: no header injection --------------------------------------------------------------

    def test_sign_refuses_line_breaks_in_headers(self):
        body = self.write_file("body.json", b"{}")
        env = dict(os.environ, HB_E2E_SECRET=SECRET)
        cases = [
            (["--header", "X-A: 1\r\nX-Injected: yes"], "--header: a header value cannot contain"),
            (["--header", "X-A: 1\nX-Injected: yes"], "--header: a header value cannot contain"),
            (["--header", "X-A\r\nX-Injected: yes"], "--header: a header name cannot contain"),
            (["--id", "evt\r\nX-Injected: yes"], "--id is sent as a header value"),
        ]
        for args, needle in cases:
            with self.subTest(args):
                r = subprocess.run(
                    [hbe2e.CLI, "sign", "--provider", "svix", "--secret-env", "HB_E2E_SECRET"] +
                    args + [body], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE, env=env, timeout=60)
                self.assertRefused(r, needle)
        # A well-formed extra header is still passed through.
        r = subprocess.run([hbe2e.CLI, "sign", "--provider", "stripe", "--secret-env",
                            "HB_E2E_SECRET", "--header", "X-A: 1", body],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"\r\nX-A: 1\r\n", r.stdout)


if __name__ == "__main__":
    hbe2e.main()
