#!/usr/bin/env python3
"""`hookbench-cli import` of the AWS shapes (tests/core/io/data/aws, see make_fixtures.py): one
Stripe event as API Gateway, Lambda, SQS, EventBridge and CloudWatch Logs hold it, signed in the
test by the official stripe npm SDK (stripe.webhooks.generateTestHeaderString, through
sdk/stripe-sign.mjs) with the endpoint's test secret. Where the exact body is in the source
(base64 Lambda bodies, rawBody, SQS bodies, log lines) the capture verifies as it is; where only
the parsed body is (a passthrough mapping template, Hookbench's EventBridge envelope, a function
that logged JSON.parse(event.body)) it verifies once laid out as Stripe sends it, and the verdict
says so; in a layout no sender uses, the verdict says the raw body is needed and how to get it.

Usage: test_import_aws.py HOOKBENCH_CLI NODE [unittest options]
"""
import json
import os
import subprocess
import sys

import hbe2e

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "core", "io", "data", "aws")
SIGN = os.path.join(HERE, "sdk", "stripe-sign.mjs")
SECRET = "whsec_import_aws_" + os.urandom(8).hex()
SENT_AT = 1746100800  # when the fixtures' event was sent and received
NODE = None


def fixture_bytes(name):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return f.read()


PAYLOAD = fixture_bytes("stripe-payload.json")  # the event as Stripe sends it


def sdk_signature(payload):
    r = subprocess.run([NODE, SIGN], input=payload, capture_output=True, timeout=60,
                       cwd=os.path.dirname(SIGN),
                       env=dict(os.environ, STRIPE_WEBHOOK_SECRET=SECRET,
                                STRIPE_SIGN_TIMESTAMP=str(SENT_AT)))
    if r.returncode != 0:
        raise AssertionError("stripe-sign.mjs failed: %s" % r.stderr.decode())
    return r.stdout.strip()


class ImportAwsTest(hbe2e.E2ETestCase):
    signatures = None

    @classmethod
    def setUpClass(cls):
        # A 3-space indent: a layout no sender uses, so only the raw body could verify.
        indent3 = json.dumps(json.loads(PAYLOAD), indent=3, ensure_ascii=False).encode()
        cls.signatures = {b"@STRIPE_SIGNATURE@": sdk_signature(PAYLOAD),
                          b"@STRIPE_SIGNATURE_INDENT3@": sdk_signature(indent3)}

    def setUp(self):
        super().setUp()
        os.environ["HB_E2E_IMPORT_AWS_SECRET"] = SECRET
        self.addCleanup(os.environ.pop, "HB_E2E_IMPORT_AWS_SECRET", None)
        self.config = self.write_config({"endpoints": [
            {"id": "stripe", "path": "/stripe", "provider": "stripe"}]})

    def signed_fixture(self, name):
        data = fixture_bytes(name)
        for placeholder in sorted(self.signatures, key=len, reverse=True):
            data = data.replace(placeholder, self.signatures[placeholder])
        return self.write_file(name, data)

    def run_import(self, name, fmt=None, code=0):
        store = os.path.join(self.tmp, name + ".sqlite")
        args = ["import", "--store", store, "--config", self.config,
                "--secret-env", "stripe=HB_E2E_IMPORT_AWS_SECRET"]
        if fmt:
            args += ["--format", fmt]
        r = hbe2e.run_cli(*(args + [self.signed_fixture(name)]))
        self.assertEqual(r.returncode, code, "import %s: %r" % (name, r.stderr))
        return store, r

    def imported(self, name, shape):
        store, r = self.run_import(name)
        self.assertIn(("read as %s (detected)" % shape).encode(), r.stderr)
        captures = self.export_jsonl(store=store)
        for c in captures:
            self.assertEqual(c["origin"]["format"], shape)
            self.assertTrue(c["origin"]["not_rebuilt"], "%s: the origin names what was lost" % name)
            c["body"] = c["raw"].split(b"\r\n\r\n", 1)[1]
        return captures

    def assert_verified_exactly(self, capture, first_seen=0):
        self.assertEqual(capture["endpoint"], "stripe")
        self.assertEqual(capture["verdict"]["reason"], "ok", capture["verdict"])
        self.assertEqual(capture["body"], PAYLOAD)
        # Nothing to explain; the same event imported again is a repeated delivery.
        self.assertEqual([h.get("first_seen_id") for h in capture["verdict"]["hazards"]],
                         [first_seen] if first_seen else [])
        self.assertEqual(capture["received_at"][:19], "2025-05-01T12:00:00")

    def assert_verified_once_laid_out(self, capture):
        self.assertEqual(capture["verdict"]["reason"], "ok", capture["verdict"])
        # The layout that reproduced the signature gives back the bytes Stripe sent.
        self.assertEqual(capture["body"], PAYLOAD)
        hazards = capture["verdict"]["hazards"]
        self.assertEqual([(h["code"], h["transform"], h["secret_index"]) for h in hazards],
                         [("body_modified", "json_reserialized", 0)])
        self.assertIn("Laid out as 2-space indent, JSON.stringify(v, null, 2), Stripe's own "
                      "layout it reproduces the signature", hazards[0]["detail"])
        self.assertTrue(any("the source held only the body as parsed by" in n
                            for n in capture["origin"]["not_rebuilt"]))
        return hazards[0]

    def test_exact_bodies_verify_as_they_are(self):
        for name, shape, count in [("lambda-v1-base64.json", "lambda", 1),
                                   ("lambda-v2.json", "lambda", 1),
                                   ("apigw-rawbody.json", "apigw", 1),
                                   ("sqs-receive-message.json", "sqs", 1),
                                   ("cwlogs-lines.log", "cwlogs", 2)]:
            with self.subTest(name):
                captures = self.imported(name, shape)
                self.assertEqual(len(captures), count)
                for i, c in enumerate(captures):
                    self.assert_verified_exactly(c, first_seen=captures[0]["id"] if i else 0)

        lambda_v1 = self.imported("lambda-v1-base64.json", "lambda")[0]
        head = lambda_v1["raw"].split(b"\r\n\r\n", 1)[0].split(b"\r\n")
        self.assertEqual(head[0], b"POST /stripe?source=webhook HTTP/1.1")
        self.assertEqual(head[5:7], [b"Accept: */*; q=0.5", b"Accept: application/xml"])
        self.assertIn("the headers' order (the event holds them as a map)",
                      lambda_v1["origin"]["not_rebuilt"])

    def test_sqs_messages_route_by_their_headers(self):
        captures = self.imported("sqs-lambda-event.json", "sqs")
        self.assertEqual(len(captures), 2)
        self.assert_verified_exactly(captures[0])
        self.assertIn(b"\r\nX-Trace: trace-7\r\n", captures[0]["raw"])
        # The second message is Stripe's own EventBridge event: routed by its source, the
        # event carries no signature.
        self.assertEqual(captures[1]["endpoint"], "stripe")
        self.assertEqual(captures[1]["verdict"]["reason"], "missing_signature_header")

    def test_parsed_bodies_verify_once_laid_out_as_stripe_sends_them(self):
        passthrough = self.imported("apigw-passthrough.json", "apigw")[0]
        hazard = self.assert_verified_once_laid_out(passthrough)
        self.assertIn("$input.json('$')", hazard["detail"])
        self.assertIn("To capture the raw body: add \"rawBody\": \"$util.base64Encode($input.body)\"",
                      hazard["detail"])

        envelope = self.imported("eventbridge-envelope.json", "eventbridge")[0]
        self.assert_verified_once_laid_out(envelope)
        self.assertTrue(envelope["raw"].startswith(b"POST /stripe HTTP/1.1\r\n"))

        logged = self.imported("cwlogs-filter-log-events.json", "cwlogs")[0]
        hazard = self.assert_verified_once_laid_out(logged)
        self.assertIn("JSON.parse(event.body)", hazard["detail"])

    def test_a_layout_no_sender_uses_needs_the_raw_body(self):
        c = self.imported("lambda-parsed-unknown-layout.json", "lambda")[0]
        verdict = c["verdict"]
        self.assertEqual(verdict["reason"], "signature_mismatch")
        self.assertEqual([h["code"] for h in verdict["hazards"]], [])
        self.assertEqual(verdict["remaining"][0]["code"], "raw_body_needed")
        self.assertIn("the raw body is needed", verdict["remaining"][0]["detail"])
        self.assertIn("event.body is the raw body", verdict["remaining"][0]["detail"])

    def test_eventbridge_event_without_headers_says_what_is_lost(self):
        c = self.imported("eventbridge-stripe.json", "eventbridge")[0]
        self.assertEqual(c["endpoint"], "stripe")
        self.assertEqual(c["verdict"]["reason"], "missing_signature_header")
        notes = " ".join(c["origin"]["not_rebuilt"])
        self.assertIn("source 'aws.partner/stripe.com/ed_test_61Import'", notes)
        self.assertIn("detail-type 'customer.created'", notes)
        self.assertIn("the signature header among them", notes)

    def test_format_given_and_input_errors(self):
        store, r = self.run_import("lambda-v2.json", fmt="lambda")
        self.assertNotIn(b"detected", r.stderr)
        self.assertIn(b"imported 1 captures", r.stdout)
        self.assertIn(b"verdicts: ok 1", r.stdout)
        _, r = self.run_import("lambda-v2.json", fmt="eventbridge", code=2)
        self.assertIn(b"event at line 1: the EventBridge event has no detail object", r.stderr)
        r = hbe2e.run_cli("import", "--help")
        for shape in [b"apigw", b"lambda", b"sqs", b"eventbridge", b"cwlogs"]:
            self.assertIn(shape, r.stdout)


def main():
    global NODE
    if len(sys.argv) < 3:
        sys.stderr.write("usage: %s PATH/TO/hookbench-cli PATH/TO/node\n" % sys.argv[0])
        sys.exit(2)
    NODE = sys.argv[2]
    del sys.argv[2]
    hbe2e.main()


if __name__ == "__main__":
    main()
