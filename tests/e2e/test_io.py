#!/usr/bin/env python3
"""Export and import round trips through the real hookbench-cli: captures taken by `listen`
(a binary non-UTF-8 body, a gzip body, duplicate headers in mixed case, a chunked body, a signed
GitHub delivery) exported as HAR, raw and JSONL and imported into a new store come back byte for
byte with their headers in order, and are verified again; the HAR passes har-validator (npm) when
its folder is given; the curl script, run with curl against a listener, sends the same bytes.

Usage: test_io.py HOOKBENCH_CLI [--har-validator NODE_MODULES_DIR]
"""
import base64
import gzip
import hashlib
import hmac
import json
import os
import shutil
import subprocess
import sys

import hbe2e

SECRET = "It's a Secret to Everybody"
HAR_VALIDATOR = None  # node_modules folder holding har-validator, from --har-validator


def github_delivery(body):
    sig = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest().encode()
    return hbe2e.post(b"/gh", body, extra=b"X-GitHub-Event: ping\r\nX-Hub-Signature-256: sha256=" +
                      sig + b"\r\n")


BINARY = bytes(range(256)) + b"\xff\xfe\x00\xc3\x28"  # not UTF-8, with NUL
GZIPPED = gzip.compress(b'{"event":"compressed","n":1}' * 20, mtime=0)
REQUESTS = [
    github_delivery(b'{"zen":"Keep it logically awesome.","hook_id":1}'),
    b"POST /bin?x=1&y=%%C3%%A9 HTTP/1.1\r\nHost: hookbench.test\r\nX-Dup: a\r\nx-dup: b\r\n"
    b"X-DUP: c\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n\r\n"
    % len(BINARY) + BINARY,
    b"POST /gz HTTP/1.1\r\nHost: hookbench.test\r\nContent-Type: application/json\r\n"
    b"Content-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(GZIPPED) + GZIPPED,
    b"GET /ping?ok=1 HTTP/1.1\r\nHost: hookbench.test\r\nAccept: */*\r\n\r\n",
]
CHUNKED = (b"POST /chunked HTTP/1.1\r\nHost: hookbench.test\r\nTransfer-Encoding: chunked\r\n"
           b"Content-Type: text/plain\r\n\r\n5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n")

FOREIGN_HAR = {"log": {"version": "1.2", "creator": {"name": "browser", "version": "1"},
                       "entries": [{
    "startedDateTime": "2026-01-02T03:04:05.123456+01:00", "time": 1,
    "request": {"method": "POST", "url": "https://example.test/gh?a=1", "httpVersion": "h2",
                "cookies": [], "queryString": [], "headersSize": -1, "bodySize": 5,
                "headers": [{"name": ":authority", "value": "example.test"},
                            {"name": ":method", "value": "POST"},
                            {"name": "content-type", "value": "text/plain"}],
                "postData": {"mimeType": "text/plain", "text": "hello"}},
    "response": {"status": 200, "statusText": "", "httpVersion": "h2", "cookies": [],
                 "headers": [], "content": {"size": 0, "mimeType": ""}, "redirectURL": "",
                 "headersSize": -1, "bodySize": -1},
    "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}}]}}


class IoTest(hbe2e.E2ETestCase):
    def setUp(self):
        super().setUp()
        os.environ["HB_E2E_IO_SECRET"] = SECRET
        self.addCleanup(os.environ.pop, "HB_E2E_IO_SECRET", None)
        self.config = self.write_config({"endpoints": [
            {"id": "gh", "path": "/gh", "provider": "github"}]})
        self.secret_args = ["--config", self.config, "--secret-env", "gh=HB_E2E_IO_SECRET"]

    def capture(self, requests, store=None):
        listener = self.start_listener(store=store or self.store, config=self.config,
                                       extra_args=["--secret-env", "gh=HB_E2E_IO_SECRET"])
        for request in requests:
            r = hbe2e.exchange(listener.host, listener.port, request)
            self.assertEqual(r.status, 200)
        listener.jsonl_lines(len(requests))
        self.stop_listener(listener)
        return self.export_jsonl(store=store or self.store)

    def cli(self, *args, code=0):
        r = hbe2e.run_cli(*args)
        self.assertEqual(r.returncode, code, "hookbench-cli %s: %r" % (args[0], r.stderr))
        return r

    def import_into(self, name, *inputs, fmt=None):
        store = os.path.join(self.tmp, name)
        args = ["import", "--store", store] + self.secret_args
        if fmt:
            args += ["--format", fmt]
        r = self.cli(*(args + list(inputs)))
        return store, r

    def assert_same_captures(self, originals, imported):
        self.assertEqual([c["raw"] for c in imported], [c["raw"] for c in originals])
        self.assertEqual([c["received_at"] for c in imported],
                         [c["received_at"] for c in originals])
        # Verified again on import, with the same outcome.
        self.assertEqual([(c["endpoint"], c["verdict"] and c["verdict"]["reason"])
                          for c in imported],
                         [(c["endpoint"], c["verdict"] and c["verdict"]["reason"])
                          for c in originals])

    def validate_har(self, path):
        script = ("const v=require(process.argv[1]);const fs=require('fs');"
                  "v.har(JSON.parse(fs.readFileSync(process.argv[2],'utf8')))"
                  ".then(()=>process.exit(0),e=>{console.error(JSON.stringify(e.errors||e.message));"
                  "process.exit(1)})")
        r = subprocess.run(["node", "-e", script, os.path.join(HAR_VALIDATOR, "har-validator"),
                            path], capture_output=True, timeout=60)
        self.assertEqual(r.returncode, 0, "har-validator refused %s: %s" % (path, r.stderr))

    def test_har_round_trip_is_byte_identical_and_verified(self):
        originals = self.capture(REQUESTS + [CHUNKED])
        self.assertEqual(originals[0]["verdict"]["reason"], "ok")
        har = os.path.join(self.tmp, "out.har")
        self.cli("export", "--store", self.store, "--format", "har", "-o", har)
        if HAR_VALIDATOR:
            self.validate_har(har)
        with open(har, encoding="utf-8") as f:
            doc = json.load(f)
        entries = doc["log"]["entries"]
        self.assertEqual(len(entries), 5)
        binary = entries[1]["request"]
        self.assertEqual([(h["name"], h["value"]) for h in binary["headers"]][1:4],
                         [("X-Dup", "a"), ("x-dup", "b"), ("X-DUP", "c")])
        self.assertEqual(binary["postData"]["encoding"], "base64")
        self.assertEqual(base64.b64decode(binary["postData"]["text"]), BINARY)
        self.assertEqual(base64.b64decode(entries[2]["request"]["postData"]["text"]), GZIPPED)
        self.assertEqual(entries[0]["_hookbench"]["verdict"]["reason"], "ok")
        self.assertEqual(entries[0]["_hookbench"]["endpoint"], "gh")

        store, r = self.import_into("from-har.sqlite", har)
        self.assertIn(b"read as har (detected)", r.stderr)
        self.assertIn(b"imported 5 captures", r.stdout)
        imported = self.export_jsonl(store=store)
        self.assert_same_captures(originals, imported)
        self.assertEqual(imported[0]["origin"]["format"], "har")
        self.assertEqual(imported[0]["origin"]["source"], har)
        self.assertEqual([c["origin"]["entry"] for c in imported], [0, 1, 2, 3, 4])
        self.assertEqual([c["origin"]["not_rebuilt"] for c in imported], [[]] * 5)

    def test_raw_and_jsonl_round_trips(self):
        originals = self.capture(REQUESTS + [CHUNKED])
        raw = os.path.join(self.tmp, "all.raw")
        self.cli("export", "--store", self.store, "--format", "raw", "-o", raw)
        store, r = self.import_into("from-raw.sqlite", raw)
        self.assertIn(b"read as raw (detected)", r.stderr)
        imported = self.export_jsonl(store=store)
        self.assertEqual([c["raw"] for c in imported], [c["raw"] for c in originals])
        self.assertEqual(imported[0]["verdict"]["reason"], "ok")  # its time: the import's
        self.assertEqual([c["origin"]["entry"] for c in imported], [0, 1, 2, 3, 4])

        jsonl = self.write_file("all.jsonl", hbe2e.run_cli(
            "export", "--store", self.store, "--format", "jsonl").stdout)
        store, r = self.import_into("from-jsonl.sqlite", jsonl)
        self.assertIn(b"read as jsonl (detected)", r.stderr)
        self.assert_same_captures(originals, self.export_jsonl(store=store))

    def test_curl_script_sends_the_same_bytes(self):
        if shutil.which("curl") is None:
            self.fail("curl is needed for the curl export test")
        originals = self.capture(REQUESTS)
        script = os.path.join(self.tmp, "replay.sh")
        self.cli("export", "--store", self.store, "--format", "curl", "-o", script)
        self.assertTrue(os.path.exists(script + ".bodies/2.body"), "binary body through a file")
        second = os.path.join(self.tmp, "second.sqlite")
        listener = self.start_listener(store=second, config=self.config,
                                       extra_args=["--secret-env", "gh=HB_E2E_IO_SECRET"])
        r = subprocess.run(["sh", script, listener.url], capture_output=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        listener.jsonl_lines(len(REQUESTS))
        self.stop_listener(listener)
        replayed = self.export_jsonl(store=second)
        self.assertEqual([c["raw"] for c in replayed], [c["raw"] for c in originals])
        self.assertEqual(replayed[0]["verdict"]["reason"], "ok")

    def test_foreign_har_records_what_was_not_rebuilt(self):
        har = self.write_file("browser.har", json.dumps(FOREIGN_HAR))
        store, _ = self.import_into("foreign.sqlite", har, fmt="har")
        [c] = self.export_jsonl(store=store)
        self.assertEqual(c["raw"], b"POST /gh?a=1 HTTP/1.1\r\nHost: example.test\r\n"
                                   b"content-type: text/plain\r\nContent-Length: 5\r\n\r\nhello")
        self.assertEqual(c["received_at"], "2026-01-02T02:04:05.123456Z")
        notes = " | ".join(c["origin"]["not_rebuilt"])
        for expected in ("rebuilt as HTTP/1.1", "pseudo-headers dropped: :authority, :method",
                         "Content-Length added", "'Name: value'"):
            self.assertIn(expected, notes)
        self.assertEqual(c["endpoint"], "gh")
        self.assertEqual(c["verdict"]["reason"], "missing_signature_header")

    def test_bad_input_exits_2_naming_file_and_entry(self):
        doc = json.loads(json.dumps(FOREIGN_HAR))
        doc["log"]["entries"].append({"request": {"url": "/x"}})
        har = self.write_file("bad.har", json.dumps(doc, indent=1))
        r = self.cli("import", "--store", os.path.join(self.tmp, "bad.sqlite"), "--config",
                     self.config, har, code=2)
        self.assertIn(("%s: entry 1 (line " % har).encode(), r.stderr)
        self.assertIn(b"no request with a method", r.stderr)
        broken = self.write_file("broken.har", '{"log": {"entries": [{"request": ')
        r = self.cli("import", "--store", os.path.join(self.tmp, "bad.sqlite"), broken, code=2)
        self.assertIn(b"broken.har: line 1: the JSON ends", r.stderr)
        junk = self.write_file("junk.txt", "hello\n")
        r = self.cli("import", "--store", os.path.join(self.tmp, "bad.sqlite"), junk, code=2)
        self.assertIn(b"junk.txt: not a shape import knows", r.stderr)
        raw = self.write_file("cut.raw", REQUESTS[1][:-10])
        r = self.cli("import", "--store", os.path.join(self.tmp, "bad.sqlite"), raw, code=2)
        self.assertIn(b"cut.raw: request 0 (byte 0, line 1): the file ends", r.stderr)

    def test_redacted_export_hides_signatures_and_secrets(self):
        self.capture([REQUESTS[0], hbe2e.post(b"/other", b'{"leak":"%s"}' % SECRET.encode())])
        har = os.path.join(self.tmp, "redacted.har")
        r = self.cli("export", "--store", self.store, "--format", "har", "--redact-secrets",
                     "--config", self.config, "--secret-env", "gh=HB_E2E_IO_SECRET", "-o", har)
        self.assertIn(b"redacted 2 of the exported captures", r.stderr)
        if HAR_VALIDATOR:
            self.validate_har(har)
        with open(har, "rb") as f:
            text = f.read()
        self.assertNotIn(SECRET.encode(), text)
        doc = json.loads(text)
        self.assertIn("Redacted", doc["log"]["comment"])
        first, second = doc["log"]["entries"]
        sig = [h["value"] for h in first["request"]["headers"]
               if h["name"] == "X-Hub-Signature-256"]
        self.assertEqual(sig, ["[redacted]"])
        self.assertEqual(first["_hookbench"]["redacted"], ["header X-Hub-Signature-256"])
        self.assertEqual(second["request"]["postData"]["text"], '{"leak":"[redacted]"}')
        self.assertEqual(second["_hookbench"]["redacted"], ["a configured secret in the body"])
        # Still framed: the raw export of the redacted capture imports cleanly.
        raw = os.path.join(self.tmp, "redacted.raw")
        self.cli("export", "--store", self.store, "--format", "raw", "--redact-secrets",
                 "--config", self.config, "--secret-env", "gh=HB_E2E_IO_SECRET", "-o", raw)
        store, _ = self.import_into("redacted.sqlite", raw)
        self.assertEqual(self.export_jsonl(store=store)[1]["raw"].split(b"\r\n\r\n")[1],
                         b'{"leak":"[redacted]"}')


if __name__ == "__main__":
    if "--har-validator" in sys.argv:
        i = sys.argv.index("--har-validator")
        HAR_VALIDATOR = sys.argv[i + 1]
        del sys.argv[i:i + 2]
    hbe2e.main()
