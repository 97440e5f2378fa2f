"""A child process for the crash test: publishes generation after generation of one report until killed.

``python -m tests.report.report_writer_child REPORT_JSON OUT [--no-exchange]``
prints ``ready`` once imported, then writes generations 1, 2, 3, ... of the
report in ``REPORT_JSON`` into ``OUT``, printing each number once published. Every file of generation *n* names *n*,
so the parent can tell whether the files it finds after a kill come from one run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import verify.report.publish
from verify.report import write_report

#: Figure and artefact sizes: large enough that writing and deleting them takes a measurable share of a cycle.
PAYLOAD = 200_000


def generation_files(n: int) -> dict[str, bytes]:
    """The figure and artefact files of generation ``n`` (relative path to bytes)."""
    stamp = f"generation-{n}\n".encode()
    return {
        "figures/a.png": stamp * (PAYLOAD // len(stamp)),
        "figures/b.png": stamp,
        "artifacts/equilibrium/EQ-x.npz": stamp * (PAYLOAD // len(stamp)),
    }


def stamped(report: dict, n: int) -> dict:
    """The report of generation ``n``: its time stamp, shown in all three formats, names it."""
    return {**report, "timings": {**report["timings"], "started_utc": f"generation-{n}"}}


def write_generation(report: dict, out: Path, n: int) -> None:
    def figures(folder: Path) -> list[str]:
        for name, data in generation_files(n).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
        return [name for name in generation_files(n) if name.startswith("figures/")]

    write_report(stamped(report, n), out, figure_writer=figures)


def main(argv: list[str]) -> None:
    report = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    out = Path(argv[1])
    if "--no-exchange" in argv:
        verify.report.publish._exchange = lambda a, b: False  # the two-rename fallback
    print("ready", flush=True)
    n = 1
    while True:
        write_generation(report, out, n)
        print(n, flush=True)
        n += 1


if __name__ == "__main__":
    main(sys.argv[1:])
