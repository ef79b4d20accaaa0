#!/usr/bin/env python3
"""`hookbench-cli pattern test`: the exit codes and JSON of CONTRACT.md "pattern" for one event,
for patterns taken from templates and `aws events describe-rule` output, and for every capture of
a store as its endpoint's forward.eventbridge config puts it on the bus."""
import hashlib
import hmac
import json
import os
import time

import hbe2e

SECRET = "whsec_pattern_test_secret"

EVENT = {
    "version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "customer.created",
    "source": "stripe.com", "account": "111122223333", "time": "2026-12-01T12:00:00Z",
    "region": "eu-west-1", "resources": [],
    "detail": {"id": "evt_1", "type": "customer.created", "livemode": False,
               "data": {"object": {"id": "cus_1", "balance": 250}}},
}
PATTERN = {"source": ["stripe.com"], "detail-type": ["customer.created"],
           "detail": {"data": {"object": {"balance": [{"numeric": [">", 100]}]}}}}


def stripe_delivery(body, secret=SECRET):
    t = str(int(time.time())).encode()
    sig = hmac.new(secret.encode(), t + b"." + body, hashlib.sha256).hexdigest().encode()
    return hbe2e.post(b"/stripe", body, extra=b"Stripe-Signature: t=" + t + b",v1=" + sig + b"\r\n")


class PatternTest(hbe2e.E2ETestCase):
    def pattern_test(self, *args):
        return hbe2e.run_cli("pattern", "test", *args)

    def test_one_event_match_no_match_and_json(self):
        pattern = self.write_config(PATTERN, "pattern.json")
        event = self.write_config(EVENT, "event.json")
        r = self.pattern_test("--pattern", pattern, "--event", event)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, b"match\n")
        r = self.pattern_test("--pattern", pattern, "--event", event, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout), {"matches": True, "reasons": []})

        miss = dict(EVENT, **{"detail-type": "Customer.Created"})
        miss["detail"] = dict(EVENT["detail"], data={"object": {"balance": "250"}})
        event = self.write_config(miss, "miss.json")
        r = self.pattern_test("--pattern", pattern, "--event", event, "--json")
        self.assertEqual(r.returncode, 1, r.stderr)
        result = json.loads(r.stdout)
        self.assertFalse(result["matches"])
        by_path = {reason["path"]: reason for reason in result["reasons"]}
        self.assertEqual(set(by_path), {"detail-type", "detail.data.object.balance"})
        self.assertEqual(by_path["detail-type"]["expected"], ["customer.created"])
        self.assertEqual(by_path["detail-type"]["found"], "Customer.Created")
        self.assertIn("case differs", by_path["detail-type"]["hint"])
        self.assertIn("as a string", by_path["detail.data.object.balance"]["hint"])
        r = self.pattern_test("--pattern", pattern, "--event", event)
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stdout.startswith(b"no match\n  detail-type: expected"), r.stdout)

    def test_account_and_region_from_the_command_line(self):
        pattern = self.write_config({"account": ["999999999999"], "region": ["us-west-2"]},
                                    "pattern.json")
        event = self.write_config(EVENT, "event.json")
        self.assertEqual(self.pattern_test("--pattern", pattern, "--event", event).returncode, 1)
        r = self.pattern_test("--pattern", pattern, "--event", event, "--account", "999999999999",
                              "--region", "us-west-2")
        self.assertEqual(r.returncode, 0, r.stdout)

    def test_a_puts_events_entry_is_tested_as_the_event_eventbridge_makes(self):
        pattern = self.write_config(PATTERN, "pattern.json")
        entry = self.write_config({"Source": "stripe.com", "DetailType": "customer.created",
                                   "Detail": json.dumps(EVENT["detail"])}, "entry.json")
        r = self.pattern_test("--pattern", pattern, "--event", entry)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"is a PutEvents entry", r.stderr)

    def test_invalid_patterns_and_inputs_exit_2_with_awss_words(self):
        event = self.write_config(EVENT, "event.json")
        for bad, reason in [({"source": "stripe.com"}, '"source" must be an object or an array'),
                            ({"detail": {"n": [{"numeric": [">", "5"]}]}},
                             "Value of > must be numeric"),
                            ({"a": [{"wildcard": "a**"}]}, "Consecutive wildcard characters"),
                            ([1], "Filter is not an object")]:
            pattern = self.write_config(bad, "bad.json")
            r = self.pattern_test("--pattern", pattern, "--event", event)
            self.assertEqual(r.returncode, 2, bad)
            self.assertEqual(r.stdout, b"")
            self.assertTrue(r.stderr.startswith(
                b"Event pattern is not valid. Reason: " + reason.encode()), r.stderr)
        pattern = self.write_config(PATTERN, "pattern.json")
        for args in (["--pattern", pattern],
                     ["--pattern", pattern, "--event", event, "--store", self.store],
                     ["--pattern", os.path.join(self.tmp, "missing.json"), "--event", event],
                     ["--pattern", pattern, "--event", self.write_file("x.json", "[1")],
                     ["--event", event]):
            r = self.pattern_test(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertEqual(r.stdout, b"")
            self.assertTrue(r.stderr.startswith(b"hookbench-cli: "), r.stderr)
        r = hbe2e.run_cli("pattern", "--pattern", pattern, "--event", event)
        self.assertEqual(r.returncode, 2)

    def test_rules_from_a_template_and_describe_rule(self):
        template = self.write_config({"Resources": {
            "Customers": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": PATTERN}},
            "Invoices": {"Type": "AWS::Events::Rule",
                         "Properties": {"EventPattern": {"detail-type": ["invoice.paid"]}}}}},
            "template.json")
        event = self.write_config(EVENT, "event.json")
        r = self.pattern_test("--pattern", template, "--event", event)
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"holds 2 rules; choose one with --rule: Customers, Invoices", r.stderr)
        self.assertEqual(self.pattern_test("--pattern", template, "--rule", "Customers",
                                           "--event", event).returncode, 0)
        self.assertEqual(self.pattern_test("--pattern", template, "--rule", "Invoices",
                                           "--event", event).returncode, 1)
        described = self.write_config({
            "Name": "stripe-partner", "EventBusName": "aws.partner/stripe.com/ed_1/default",
            "EventPattern": json.dumps({"source": [{"prefix": "aws.partner/stripe.com"}]})},
            "rule.json")
        r = self.pattern_test("--pattern", described, "--event", event, "--json")
        self.assertEqual(r.returncode, 1)
        self.assertIn("native partner event source", json.loads(r.stdout)["reasons"][0]["hint"])

    def test_every_capture_of_a_store_as_forwarded(self):
        os.environ["HB_E2E_STRIPE_SECRET"] = SECRET
        self.addCleanup(os.environ.pop, "HB_E2E_STRIPE_SECRET", None)
        config = self.write_config({"endpoints": [
            {"id": "stripe", "path": "/stripe", "provider": "stripe",
             "forward": {"only_verified": True,
                         "eventbridge": {"preset": "stripe", "region": "eu-west-1",
                                         "account": "111122223333",
                                         "endpoint_url": "http://127.0.0.1:9"}}},
            {"id": "other", "path": "/other", "provider": "stripe"}]})
        listener = self.start_listener(config=config,
                                       extra_args=["--secret-env", "stripe=HB_E2E_STRIPE_SECRET"])
        customer = json.dumps(EVENT["detail"]).encode()
        invoice = b'{"id":"evt_2","type":"invoice.paid","data":{"object":{"balance":1}}}'
        statuses = [hbe2e.exchange(listener.host, listener.port, request).status
                    for request in (stripe_delivery(customer), stripe_delivery(invoice),
                                    stripe_delivery(customer, secret="whsec_wrong"),
                                    hbe2e.post(b"/other", customer))]
        self.assertEqual(statuses[:2], [200, 200])
        listener.jsonl_lines(4)
        self.stop_listener(listener)

        pattern = self.write_config(PATTERN, "pattern.json")
        r = self.pattern_test("--pattern", pattern, "--store", self.store, "--config", config,
                              "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = [json.loads(line) for line in r.stdout.splitlines()]
        self.assertEqual([line["id"] for line in lines], [1, 2, 3])  # capture 4: no eventbridge
        self.assertEqual([line["matches"] for line in lines], [True, False, False])
        self.assertEqual(lines[1]["reasons"][0]["path"], "detail-type")
        self.assertEqual(lines[1]["reasons"][0]["found"], "invoice.paid")
        self.assertIn("not verified", lines[2]["error"])

        r = self.pattern_test("--pattern", pattern, "--store", self.store, "--config", config,
                              "--endpoint", "stripe")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith(b"capture 1 (stripe.com, customer.created): match\n"),
                        r.stdout)
        self.assertIn(b"1 of 3 captures match", r.stderr)
        # --matches-only: the matching captures listed, the others counted, not explained
        r = self.pattern_test("--pattern", pattern, "--store", self.store, "--config", config,
                              "--matches-only", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([json.loads(line) for line in r.stdout.splitlines()],
                         [{"id": 1, "matches": True, "reasons": []}])

        nothing = self.write_config({"detail-type": ["charge.failed"]}, "nothing.json")
        r = self.pattern_test("--pattern", nothing, "--store", self.store, "--config", config)
        self.assertEqual(r.returncode, 1, r.stderr)
        r = self.pattern_test("--pattern", nothing, "--store", self.store, "--config", config,
                              "--matches-only")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(r.stdout, b"")
        self.assertIn(b"0 of 3 captures match", r.stderr)
        r = self.pattern_test("--pattern", nothing, "--event", nothing, "--matches-only")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"--matches-only go with --store", r.stderr)
        r = self.pattern_test("--pattern", nothing, "--store", self.store, "--config", config,
                              "--endpoint", "other")
        self.assertEqual(r.returncode, 2)
        self.assertIn(b"has no forward.eventbridge", r.stderr)
        r = self.pattern_test("--pattern", nothing, "--store", self.store, "--config", config,
                              "--endpoint", "nope")
        self.assertEqual(r.returncode, 2)
        r = self.pattern_test("--pattern", nothing, "--store",
                              os.path.join(self.tmp, "missing.sqlite"), "--config", config)
        self.assertEqual(r.returncode, 3)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "missing.sqlite")))


if __name__ == "__main__":
    hbe2e.main()
