"""Exits 0 when every tool of requirements-test.txt is installed at its pinned version."""
import pathlib
import sys
from importlib import metadata

wanted = pathlib.Path(__file__).with_name("requirements-test.txt").read_text().splitlines()
for line in wanted:
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    name, version = line.split("==")
    try:
        if metadata.version(name) != version:
            sys.exit(1)
    except metadata.PackageNotFoundError:
        sys.exit(1)
