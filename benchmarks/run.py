"""Run every benchmark of the course and print one figure per line as ``name: value unit``.

    python benchmarks/run.py [--only TEXT]

Each ``benchmarks/bench_*.py`` module provides ``figures()``, which yields
``(name, value, unit)`` tuples. Speed goals are judged by ratios against a baseline measured
in the same run (printed as ``... ratio`` lines), so runs on different machines compare.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def modules(only: str | None):
    for path in sorted(HERE.glob("bench_*.py")):
        if only and only not in path.stem:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(HERE))
        try:
            spec.loader.exec_module(module)
        finally:
            sys.path.remove(str(HERE))
        yield module


def format_value(value: float) -> str:
    return f"{value:.3g}" if abs(value) < 1000 else f"{value:.0f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="run only the benchmark files whose name contains this text")
    args = parser.parse_args(argv)
    for module in modules(args.only):
        for name, value, unit in module.figures():
            print(f"{name}: {format_value(value)} {unit}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
