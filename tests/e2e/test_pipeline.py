#!/usr/bin/env python3
"""The capture pipeline through `hookbench-cli listen`: each --jsonl line carries the complete
verdict (hazards found after the answer included), and a hostile delivery whose diagnosis would be
expensive (JSON nested 40,000 deep) neither holds up another sender nor takes unbounded memory."""
import hashlib
import hmac
import os

import hbe2e

SECRET = "It's a Secret to Everybody"


def github_delivery(body, secret=SECRET, path=b"/gh"):
    sig = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest().encode()
    return hbe2e.post(path, body, extra=b"X-GitHub-Event: ping\r\nX-Hub-Signature-256: sha256=" +
                      sig + b"\r\n")


def peak_rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError("no VmHWM for %d" % pid)


class PipelineTest(hbe2e.E2ETestCase):
    def start(self, secret):
        os.environ["HB_E2E_GH_SECRET"] = secret
        self.addCleanup(os.environ.pop, "HB_E2E_GH_SECRET", None)
        config = self.write_config({"endpoints": [
            {"id": "gh", "path": "/gh", "provider": "github"}]})
        return self.start_listener(config=config,
                                   extra_args=["--secret-env", "gh=HB_E2E_GH_SECRET"])

    def test_jsonl_line_has_the_hazards_found_after_the_answer(self):
        listener = self.start(SECRET + "\n")  # pasted with its newline
        r = hbe2e.exchange(listener.host, listener.port, github_delivery(b"Hello, World!"))
        self.assertEqual(r.status, 200)
        line = listener.next_jsonl()
        self.assertEqual(line["verdict"]["reason"], "signature_mismatch")
        self.assertTrue(line["verdict"]["diagnosed"])
        self.assertEqual([h["code"] for h in line["verdict"]["hazards"]], ["secret_whitespace"])
        self.stop_listener(listener)
        self.assertTrue(listener.stdout_lines.get(timeout=5) is None, "one line per capture")

    def test_deeply_nested_failing_body_is_bounded_and_holds_up_nobody(self):
        listener = self.start(SECRET)
        depth = 40000
        deep = b"[" * depth + b"]" * depth  # 80 KB
        hostile = listener.connect()
        hostile.sendall(github_delivery(deep, secret="not the endpoint's secret"))
        # Another sender, right behind it, is answered and verified.
        r = hbe2e.exchange(listener.host, listener.port, github_delivery(b"Hello, World!"))
        self.assertEqual(r.status, 200)
        self.assertEqual(hbe2e.ResponseReader(hostile).read().status, 200)
        hostile.close()
        lines = {line["id"]: line for line in listener.jsonl_lines(2)}
        verdicts = sorted((line["verdict"]["reason"], line["id"]) for line in lines.values())
        self.assertEqual([v[0] for v in verdicts], ["ok", "signature_mismatch"])
        deep_verdict = lines[verdicts[1][1]]["verdict"]
        skipped = deep_verdict.get("skipped_checks", [])
        self.assertTrue(any(s["reason"] == "json_depth" for s in skipped), deep_verdict)
        # Before, diagnosing this body took gigabytes (5.3 GB at depth 30,000).
        self.assertLess(peak_rss_kib(listener.proc.pid), 256 * 1024)
        self.stop_listener(listener)


if __name__ == "__main__":
    hbe2e.main()
