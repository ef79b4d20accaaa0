"""Shared by the secrets tests: an isolated HOME for hookbench-cli and a scan of files for secrets.

A secret counts as leaked when its bytes appear in a file as they are, in hex (lower or upper case)
or in base64 (standard or URL alphabet, at any of the three byte alignments, so a secret inside a
longer base64 text is found too).
"""

import base64
import os

MIN_LENGTH = 8  # shorter needles match by chance


def isolated_env(root):
    """os.environ with HOME and the XDG folders under `root` (created); the D-Bus session stays."""
    env = dict(os.environ)
    home = os.path.join(root, "home")
    dirs = {
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
        "XDG_CACHE_HOME": os.path.join(home, ".cache"),
        "XDG_STATE_HOME": os.path.join(home, ".local", "state"),
    }
    for path in dirs.values():
        os.makedirs(path, exist_ok=True)
    env.update(dirs)
    return env


def _base64_cores(secret):
    """The base64 characters that depend only on `secret`, for each alignment in a longer text."""
    cores = []
    for shift in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            text = encode(b"\0" * shift + secret).rstrip(b"=")
            if (shift + len(secret)) % 3:
                text = text[:-1]  # the last character also holds bits of what follows
            start = (8 * shift + 5) // 6
            cores.append(("base64+%d%s" % (shift, "url" if encode is not base64.b64encode else ""),
                          text[start:]))
    return cores


def forms(secret):
    """[(name, bytes)] of every form searched for."""
    if isinstance(secret, str):
        secret = secret.encode()
    found = [("plain", secret), ("hex", secret.hex().encode()),
             ("HEX", secret.hex().upper().encode())]
    found += _base64_cores(secret)
    return [(name, needle) for name, needle in found if len(needle) >= MIN_LENGTH]


def scan(roots, secrets):
    """[(path, secret index, form)] for every hit under `roots` (files only, symlinks not followed)."""
    needles = [(i, name, needle) for i, s in enumerate(secrets) for name, needle in forms(s)]
    hits = []
    for root in roots:
        for folder, _, files in os.walk(root):
            for name in files:
                path = os.path.join(folder, name)
                if os.path.islink(path) or not os.path.isfile(path):
                    continue  # sockets, fifos
                try:
                    with open(path, "rb") as f:
                        content = f.read()
                except OSError:
                    continue
                for i, form, needle in needles:
                    if needle in content:
                        hits.append((path, i, form))
    return hits


def files_under(roots):
    return sorted(os.path.join(folder, name) for root in roots
                  for folder, _, files in os.walk(root) for name in files)
