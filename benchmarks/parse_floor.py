"""The parse floor: load every YAML document under the given paths with libyaml, and nothing else.

dslint cannot be faster than this on the same input (it parses each document once with the same
loader), so the benchmark reports dslint's time as a ratio to it.
"""

from __future__ import annotations

import os
import sys

import yaml


def files(paths: list[str]) -> list[str]:
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in os.walk(path):
                found.extend(os.path.join(root, n) for n in names if n.endswith((".yaml", ".yml")))
        else:
            found.append(path)
    return sorted(found)


def main() -> None:
    documents = 0
    for path in files(sys.argv[1:]):
        with open(path, encoding="utf-8") as handle:
            for _ in yaml.load_all(handle, Loader=yaml.CSafeLoader):
                documents += 1
    print(documents)


if __name__ == "__main__":
    main()
