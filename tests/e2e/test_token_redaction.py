#!/usr/bin/env python3
"""GitLab's X-Gitlab-Token carries the webhook's secret itself. A capture at a GitLab endpoint is
checked in memory and stored with the token replaced by a same-length marker: the token is in
neither the store's files (the SQLite database, its WAL) nor any export, nor the listener's
output, while the verdict reached with it stays right."""
import glob
import json
import os

import hbe2e

TOKEN = b"gl-hookbench-token-Vq83xZk20PLm"
WRONG = b"gl-hookbench-token-wrong-5Yt1sQ"
MARKER = b"[redacted]" + b"*" * (len(TOKEN) - len(b"[redacted]"))


def gitlab_delivery(token, body=b'{"object_kind":"push","ref":"refs/heads/main"}'):
    return hbe2e.post(b"/gitlab", body, extra=b"X-Gitlab-Event: Push Hook\r\n"
                      b"X-Gitlab-Event-UUID: 0e4a4c1f-3d1b-4ab5-9c3f-5f1e2a7b9d10\r\n"
                      b"X-Gitlab-Token: " + token + b"\r\n")


class TokenRedactionTest(hbe2e.E2ETestCase):
    def capture_two(self):
        os.environ["HB_E2E_GL_TOKEN"] = TOKEN.decode()
        self.addCleanup(os.environ.pop, "HB_E2E_GL_TOKEN", None)
        config = self.write_config({"endpoints": [
            {"id": "gl", "path": "/gitlab", "provider": "gitlab"}]})
        listener = self.start_listener(config=config,
                                       extra_args=["--secret-env", "gl=HB_E2E_GL_TOKEN"])
        for token in (TOKEN, WRONG):
            r = hbe2e.exchange(listener.host, listener.port, gitlab_delivery(token))
            self.assertEqual(r.status, 200)
        lines = listener.jsonl_lines(2)
        self.stop_listener(listener)
        output = b"".join(json.dumps(line).encode() + b"\n" for line in lines)
        output += listener.stderr_text().encode()
        return lines, output

    def assertNoToken(self, data, where):
        for token in (TOKEN, WRONG):
            self.assertNotIn(token, data, "the token %r is in %s" % (token, where))

    def test_verdicts_are_right_and_the_token_reaches_no_file_nor_output(self):
        lines, output = self.capture_two()
        self.assertEqual([line["verdict"]["reason"] for line in lines],
                         ["ok", "signature_mismatch"])
        self.assertTrue(lines[0]["verdict"]["valid"])
        self.assertIn("redacted", lines[0]["verdict"]["message"])
        self.assertNoToken(output, "the listener's output")

        files = glob.glob(self.store + "*")
        self.assertIn(self.store, files)
        for path in files:  # the database and whatever WAL/SHM it left
            with open(path, "rb") as f:
                self.assertNoToken(f.read(), path)

        raw = self.export_raw([str(line["id"]) for line in lines])
        self.assertNoToken(raw, "export --format raw")
        self.assertEqual(raw.count(b"X-Gitlab-Token: " + MARKER + b"\r\n"), 2,
                         "the raw bytes show a marker of the token's length")
        for fmt in ("har", "jsonl", "curl"):
            r = hbe2e.run_cli("export", "--store", self.store, "--format", fmt)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertNoToken(r.stdout, "export --format " + fmt)

        exported = self.export_jsonl()
        self.assertEqual([c["verdict"]["reason"] for c in exported], ["ok", "signature_mismatch"])
        for c in exported:  # the bytes keep their framing: the body is whole
            self.assertTrue(c["raw"].endswith(b'"refs/heads/main"}'))


if __name__ == "__main__":
    hbe2e.main()
