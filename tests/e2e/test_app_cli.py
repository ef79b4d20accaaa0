#!/usr/bin/env python3
"""The desktop app's --version and --help work where there is no display (a server, a CI job, an
ssh session): they print and exit 0 instead of aborting in QApplication (issue 12, item 6).

    test_app_cli.py PATH/TO/hookbench-cli PATH/TO/hookbench [unittest options]
"""

import os
import re
import subprocess
import sys
import unittest

import hbe2e

APP = None


def run_app(*args):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([APP] + list(args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env, timeout=60)


class AppCommandLineTest(unittest.TestCase):

    def test_version_without_a_display(self):
        r = run_app("--version")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout.decode(), r"^hookbench \d+\.\d+\.\d+\S*\n$")

    def test_help_without_a_display(self):
        for option in ("--help", "-h"):
            with self.subTest(option):
                r = run_app(option)
                self.assertEqual(r.returncode, 0, r.stderr)
                out = r.stdout.decode()
                self.assertIn("Usage", out)
                for documented in ("--config", "--store", "--no-listen", "--bind"):
                    self.assertIn(documented, out)


if __name__ == "__main__":
    if len(sys.argv) < 3 or not os.access(sys.argv[2], os.X_OK):
        sys.stderr.write("usage: %s PATH/TO/hookbench-cli PATH/TO/hookbench\n" % sys.argv[0])
        sys.exit(2)
    APP = os.path.abspath(sys.argv.pop(2))
    hbe2e.main()
