#!/usr/bin/env python3
"""`hookbench-cli export --filter QUERY` through the real CLI: captures taken by `listen` with a
config naming providers are exported by free text (found through the search index, which listen
writes and export builds when it is missing), by fields combined with and/or/not, by provider, and intersected with --id;
an invalid query exits 2 naming the column; a query that selects nothing exports nothing.

Usage: test_search.py HOOKBENCH_CLI
"""
import json
import os

import hbe2e


class ExportFilterTest(hbe2e.E2ETestCase):
    def setUp(self):
        super().setUp()
        self.config = self.write_config({"endpoints": [
            {"id": "stripe-prod", "path": "/stripe", "provider": "stripe"},
            {"id": "gh", "path": "/gh", "provider": "github"}]})
        listener = self.start_listener(config=self.config)
        bodies = [
            (b"/stripe", b'{"id":"evt_1","type":"customer.created","data":{"id":"cus_4711"}}',
             b""),
            (b"/gh", b'{"zen":"Design for failure.","hook_id":9}', b"X-GitHub-Event: ping\r\n"),
            (b"/stripe", b'{"id":"evt_2","type":"invoice.paid"}', b""),
            (b"/other", b'{"note":"no endpoint here"}', b""),
        ]
        for path, body, extra in bodies:
            r = hbe2e.exchange(listener.host, listener.port, hbe2e.post(path, body, extra=extra))
            self.assertLess(r.status, 600)
            listener.next_jsonl()
        self.stop_listener(listener)

    def export(self, query, *extra, code=0):
        r = hbe2e.run_cli("export", "--store", self.store, "--format", "jsonl", "--filter", query,
                          "--config", self.config, *extra)
        self.assertEqual(r.returncode, code, r.stderr.decode())
        if code != 0:
            return r.stderr.decode()
        return [json.loads(line)["id"] for line in r.stdout.decode().splitlines() if line]

    def test_listen_indexes_and_export_finds_the_body(self):
        self.assertTrue(os.path.exists(self.store + "-search"))  # written by listen
        self.assertEqual(self.export("cus_4711"), [1])

    def test_export_builds_a_missing_index(self):
        for suffix in ("-search", "-search-wal", "-search-shm"):
            if os.path.exists(self.store + suffix):
                os.remove(self.store + suffix)
        self.assertEqual(self.export("cus_4711"), [1])
        self.assertTrue(os.path.exists(self.store + "-search"))
        self.assertEqual(self.export('"design for"'), [2])
        self.assertEqual(self.export("type:invoice.paid"), [3])
        self.assertEqual(self.export("header:x-github-event=ping"), [2])

    def test_fields_and_operators(self):
        self.assertEqual(self.export("provider:stripe"), [1, 3])
        self.assertEqual(self.export("path:/gh or endpoint:\"\""), [2, 4])
        self.assertEqual(self.export("method:post -provider:stripe"), [2, 4])
        self.assertEqual(self.export("(provider:stripe or provider:github) not invoice"), [1, 2])
        self.assertEqual(self.export("after:1h before:2h"), [])
        self.assertEqual(self.export("after:1h"), [1, 2, 3, 4])

    def test_with_ids_and_nothing_selected(self):
        self.assertEqual(self.export("provider:stripe", "--id", "3", "--id", "2"), [3])
        self.assertEqual(self.export("nothing_matches_this_word"), [])

    def test_invalid_query_names_the_column(self):
        err = self.export("provider:stripe status:abc", code=2)
        self.assertIn("--filter: column 24: `status:` expects a number or a range such as "
                      "400..499", err)


if __name__ == "__main__":
    hbe2e.main()
