#!/usr/bin/env python3
"""The capture store from outside (issue 12, items 3 and 4): `listen` refuses a store it cannot
write (exit 3, one line saying why) instead of answering 503 to every request; `export` reads a
read-only store and never writes the store it reads (no schema in an empty file, no folding of a
leftover WAL); several listeners opening one new store at once all start.

Read-only means read-only for the process: when the tests run as root (who may write any file),
the commands under test run as the user "nobody" (setpriv), and the file modes apply to them.
"""

import hashlib
import json
import os
import shutil
import subprocess
import threading

import hbe2e
from hbe2e import run_cli

READ_ONLY_FILE = 0o444
READ_ONLY_DIR = 0o555
OPEN_DIR = 0o755


def unprivileged_prefix():
    """The command prefix that runs a command without root's right to write any file."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        raise AssertionError("running as root: setpriv (util-linux) is needed to run the CLI as "
                             "an unprivileged user")
    return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


def digest(path):
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class StoreAccessTest(hbe2e.E2ETestCase):

    def setUp(self):
        super().setUp()
        # The unprivileged user must reach the folder; modes are reset for the clean-up.
        os.chmod(self.tmp, OPEN_DIR)
        self.addCleanup(os.chmod, self.tmp, 0o700)
        self.config = self.write_config({"listen": {}})
        os.chmod(self.config, 0o644)

    def run_unprivileged(self, *args, timeout=60):
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.tmp,
               "LANG": "C.UTF-8"}
        return subprocess.run(unprivileged_prefix() + [hbe2e.CLI] + [str(a) for a in args],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout, env=env)

    def make_store(self, captures, kill=False):
        """A store with `captures` captures; kill=True leaves it as kill -9 does (-wal, -shm)."""
        listener = self.start_listener(config=self.config, jsonl=False)
        for i in range(captures):
            r = hbe2e.exchange(listener.host, listener.port, hbe2e.post("/n%d" % i, "{}"))
            self.assertEqual(r.status, 200)
        if kill:
            listener.kill()
            self.assertTrue(os.path.exists(self.store + "-wal"))
        else:
            self.stop_listener(listener)
            self.assertFalse(os.path.exists(self.store + "-wal"))

    def make_read_only(self, folder_too=True):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.store + suffix):
                os.chmod(self.store + suffix, READ_ONLY_FILE)
        if folder_too:
            os.chmod(self.tmp, READ_ONLY_DIR)

    def assertRefusedReadOnly(self, result, *needles):
        err = result.stderr.decode("utf-8", "replace")
        self.assertEqual(result.returncode, 3, "stderr: " + err)
        self.assertEqual(len(err.strip().splitlines()), 1, "one-line reason expected: %r" % err)
        self.assertIn("The store %s is read-only: " % self.store, err)
        self.assertNotIn("listening on", err)
        for needle in needles:
            self.assertIn(needle, err)

    def export_lines(self, result):
        self.assertEqual(result.returncode, 0, "export failed: %r" % result.stderr)
        return [json.loads(line) for line in result.stdout.splitlines()]

    # --- listen -------------------------------------------------------------------------------

    def test_listen_refuses_a_read_only_store_file(self):
        # The file is read-only, its folder writable (as in a user's own data folder): SQLite
        # would open the file for reading only, without an error, and every commit would fail.
        self.make_store(1)
        self.make_read_only(folder_too=False)
        os.chmod(self.tmp, 0o777)
        before = digest(self.store)
        r = self.run_unprivileged("listen", "--port", "0", "--store", self.store,
                                  "--config", self.config, timeout=20)
        self.assertRefusedReadOnly(r, "the file is not writable")
        self.assertEqual(digest(self.store), before)
        self.assertFalse(os.path.exists(self.store + "-wal"))

    def test_listen_refuses_a_store_in_a_read_only_folder(self):
        self.make_store(1)
        os.chmod(self.store, 0o666)  # the file is writable, its folder is not
        os.chmod(self.tmp, READ_ONLY_DIR)
        r = self.run_unprivileged("listen", "--port", "0", "--store", self.store,
                                  "--config", self.config)
        self.assertRefusedReadOnly(r, "folder")

    def test_listen_refuses_a_new_store_in_a_read_only_folder(self):
        os.chmod(self.tmp, READ_ONLY_DIR)
        r = self.run_unprivileged("listen", "--port", "0", "--store", self.store,
                                  "--config", self.config)
        self.assertRefusedReadOnly(r, "folder")
        self.assertFalse(os.path.exists(self.store))

    # --- export -------------------------------------------------------------------------------

    def test_export_reads_a_read_only_store(self):
        self.make_store(3)
        self.make_read_only()
        before = digest(self.store)
        r = self.run_unprivileged("export", "--store", self.store, "--format", "jsonl")
        lines = self.export_lines(r)
        self.assertEqual([c["target"] for c in lines], ["/n0", "/n1", "/n2"])
        self.assertEqual(digest(self.store), before)
        self.assertFalse(os.path.exists(self.store + "-wal"))

    def test_export_reads_a_leftover_wal_without_folding_it(self):
        self.make_store(3, kill=True)
        files = {s: digest(self.store + s) for s in ("", "-wal")}
        # As the owner, who could write: export still must not.
        captures = self.export_jsonl()
        self.assertEqual([c["target"] for c in captures], ["/n0", "/n1", "/n2"])
        self.assertEqual({s: digest(self.store + s) for s in ("", "-wal")}, files)
        # As a user who can write nothing there.
        self.make_read_only()
        r = self.run_unprivileged("export", "--store", self.store, "--format", "jsonl")
        self.assertEqual(len(self.export_lines(r)), 3)
        self.assertEqual({s: digest(self.store + s) for s in ("", "-wal")}, files)

    def test_export_refuses_an_empty_file_and_leaves_it_empty(self):
        with open(self.store, "wb"):
            pass
        r = run_cli("export", "--store", self.store, "--format", "jsonl")
        err = r.stderr.decode("utf-8", "replace")
        self.assertEqual(r.returncode, 3, err)
        self.assertIn("not a Hookbench store", err)
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertEqual(os.path.getsize(self.store), 0)
        self.assertFalse(os.path.exists(self.store + "-wal"))

    # --- several processes at once ------------------------------------------------------------

    def test_listeners_opening_one_new_store_at_once_all_start(self):
        for round_ in range(6):
            store = os.path.join(self.tmp, "race%d.sqlite" % round_)
            count = 4
            barrier = threading.Barrier(count)
            listeners = [None] * count
            errors = [None] * count

            def start(i):
                barrier.wait()
                try:
                    listeners[i] = hbe2e.Listener(store=store, config=self.config, jsonl=False)
                except AssertionError as e:  # exited before listening: the race
                    errors[i] = str(e)

            threads = [threading.Thread(target=start, args=(i,)) for i in range(count)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(hbe2e.STARTUP_TIMEOUT * 2)
            for listener in listeners:
                if listener is not None:
                    self.addCleanup(listener.kill)
            self.assertEqual(errors, [None] * count, "round %d" % round_)
            for i, listener in enumerate(listeners):
                r = hbe2e.exchange(listener.host, listener.port, hbe2e.post("/p%d" % i, "{}"))
                self.assertEqual(r.status, 200)
            for listener in listeners:
                self.stop_listener(listener)
            # export reads only a store at this build's schema version, with every table
            captures = self.export_jsonl(store=store)
            self.assertEqual(sorted(c["target"] for c in captures),
                             ["/p%d" % i for i in range(count)])


if __name__ == "__main__":
    hbe2e.main()
