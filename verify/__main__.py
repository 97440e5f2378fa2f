"""Command line: ``python -m verify [run|list|show|cite|diff|sweep|c2st]``.

Examples
--------
``python -m verify``                          run every claim (full profile), write ``reports/``
``python -m verify run --claims 'CG-*,JS-*' --profile quick --out scratch``
``python -m verify run --sources path/to/documents``   also audit the documents' code
``python -m verify run --scheduler serial``   train the experiments in this process, not on a local cluster
``python -m verify list``                     one line per claim
``python -m verify show CG-JS``               run one claim and print its evidence
``python -m verify cite CG-JS``               a citation of the claim's verdict in the committed report
``python -m verify cite --all --format bibtex --out gantheory.bib``   a .bib of every claim
``python -m verify diff reports old/reports``   what changed in verdicts and evidence between two reports
``python -m verify c2st real.npy fake.npy``   the report's two-sample test on your GAN's samples
``python -m verify sweep examples/sweep-bimodal.toml``   a hyperparameter sweep, written to ``sweeps/<name>/``
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from gantheory import __version__
from verify.context import DEFAULT_SEED, PROFILES, Context, RunConfig

if TYPE_CHECKING:
    from verify.model import Claim
    from verify.runner import ClaimResult

__all__ = ["main"]

DEFAULT_OUT = Path("reports")
DEFAULT_SWEEPS = Path("sweeps")
SOURCES_ENV = "GANTHEORY_SOURCES"


def _sources(arg: str | None) -> Path | None:
    value = arg or os.environ.get(SOURCES_ENV)
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_dir():
        raise SystemExit(f"error: --sources {value!r} is not a folder")
    return path.resolve()


def _sources_record(folder: Path | None) -> dict[str, object]:
    from verify.sources import DOCUMENTS

    if folder is None:
        return {"given": False, "folder": None, "documents": {}}
    import hashlib

    docs = {}
    for name, expected in sorted(DOCUMENTS.items()):
        path = folder / name
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            docs[name] = {"sha256": digest, "matches_registry": digest == expected}
        else:
            docs[name] = {"sha256": None, "matches_registry": False}
    return {"given": True, "folder": str(folder), "documents": docs}


def _selection(pattern: str | None, pool: tuple[Claim, ...] | None = None) -> tuple[Claim, ...]:
    """The claims ``--claims`` selects from ``pool``; exits with a message naming the globs that match nothing."""
    from verify.registry import select

    try:
        return select(pattern, pool)
    except KeyError as exc:
        raise SystemExit(f"error: {exc.args[0]}") from None


def _is_reference_run(args: argparse.Namespace, formats: tuple[str, ...]) -> bool:
    """Whether ``run`` makes the committed reference report: every claim, full profile, default seed, all files."""
    return (
        args.claims is None
        and args.profile == "full"
        and args.seed == DEFAULT_SEED
        and not args.no_experiments
        and not args.no_figures
        and set(formats) == {"json", "md", "html"}
    )


def _scratch_folder(args: argparse.Namespace) -> Path:
    """A folder for a run that is not the reference run, named for its settings (reruns replace it)."""
    import hashlib
    import re
    import tempfile

    settings = f"{args.claims or 'all'}-{args.profile}-seed{args.seed}"
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", settings)[:60]
    digest = hashlib.sha256(" ".join(args.argv).encode()).hexdigest()[:8]
    return Path(tempfile.gettempdir()) / "gantheory-reports" / f"{slug}-{digest}"


def _run_output(args: argparse.Namespace, formats: tuple[str, ...]) -> Path:
    """The folder ``run`` writes, checked before any claim runs.

    Without ``--out`` only the reference run writes :data:`DEFAULT_OUT`: a partial
    run (``--claims``, another profile or seed, fewer files) goes to a scratch
    folder, so it never replaces the committed report by accident.
    """
    if args.out is not None:
        out = args.out
    elif _is_reference_run(args, formats):
        out = DEFAULT_OUT
    else:
        out = _scratch_folder(args)
    _check_output_folder(out, "--out" if args.out is not None else "the output folder")
    return out


def _prepare_output(args: argparse.Namespace, out: Path) -> None:
    """Say where a run without ``--out`` writes, and clean up what a killed run left beside ``out``."""
    from verify.report.publish import recover

    if args.out is None and out != DEFAULT_OUT:
        print(
            f"not the reference run (every claim, full profile, default seed, all files): writing to {out}, "
            f"not {DEFAULT_OUT}/; give --out {DEFAULT_OUT} to replace the reference report",
            file=sys.stderr,
        )
    recover(out)


def _check_output_folder(out: Path, name: str) -> None:
    """Exit with a message unless a report can be published at ``out`` (a folder, writable)."""
    import tempfile

    from verify.report.publish import ReportFolderError, check_report_folder

    try:
        check_report_folder(out)
    except ReportFolderError as exc:
        raise SystemExit(f"error: {name} {exc}") from None
    # publication writes a staging folder beside ``out``: probe the nearest folder that exists
    probe_in = out.absolute().parent
    while not probe_in.exists():
        probe_in = probe_in.parent
    if not probe_in.is_dir():
        raise SystemExit(f"error: {name} {out} cannot be written: {probe_in} is not a folder")
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".gantheory-probe-", dir=probe_in))
    except OSError as exc:
        raise SystemExit(f"error: {name} {out} cannot be written: {exc.strerror or exc} ({probe_in})") from None
    if out.is_dir() and not os.access(out, os.R_OK | os.W_OK | os.X_OK):
        raise SystemExit(f"error: {name} {out} cannot be written: permission denied")


def _context(args: argparse.Namespace, sources: Path | None) -> Context:
    """The run's context: the options as a frozen configuration, and a store over every registered experiment."""
    from verify.experiments import store

    config = RunConfig(
        profile=PROFILES[args.profile],
        seed=args.seed,
        sources=sources,
        run_experiments=not args.no_experiments,
        device=args.device,
    )
    return Context(config, store())


def _cmd_run(args: argparse.Namespace) -> int:
    from verify.report import write_report
    from verify.report.data import build_report
    from verify.report.provenance import environment
    from verify.runner import run_claims

    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    unknown = sorted(set(formats) - {"json", "md", "html"})
    if unknown or not formats:
        raise SystemExit(f"error: --format takes json, md and html, got {args.format!r}")
    out = _run_output(args, formats)
    from verify.user_claims import pool_of

    pool = pool_of(args)
    claims = _selection(args.claims, pool)
    sources = _sources(args.sources)
    _prepare_output(args, out)
    ctx = _context(args, sources)
    started = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    t0 = time.perf_counter()
    if ctx.run_experiments:
        from verify.prefetch import experiments_needed, prefetch

        try:
            prefetch(
                ctx,
                experiments_needed(claims, ctx),
                scheduler=args.scheduler,
                n_workers=args.workers,
                progress=not args.quiet,
            )
        except (ValueError, OSError) as exc:
            raise SystemExit(f"error: {exc}") from None
    results = run_claims(claims, ctx, progress=not args.quiet)
    wall = time.perf_counter() - t0
    command = "python -m verify " + " ".join(shlex.quote(a) for a in (args.argv or ["run"]))
    from verify.experiments import EXPERIMENTS, split_timings

    ran = ctx.experiments_run()
    report = build_report(
        results,
        ctx,
        environment=environment(),
        all_registered=pool,
        selection=args.claims,
        sources=_sources_record(sources),
        figures=[],
        experiments={
            name: {"title": EXPERIMENTS[name].title, "results": split_timings(res)[0]} for name, res in ran.items()
        },
        timings={
            "started_utc": started,
            "wall_seconds": round(wall, 3),
            "command": command,
            "per_claim_seconds": {r.claim.id: round(r.seconds, 3) for r in results},
            "experiment_seconds": {k: round(v, 3) for k, v in ctx.experiment_seconds().items()},
            "experiment_clocks": {name: split_timings(res)[1] for name, res in ran.items()},
        },
    )
    figure_writer = None
    if not args.no_figures:
        from verify.report.figures import write_figures

        def figure_writer(folder: Path) -> list[str | tuple[str, str]]:
            entries: list[str | tuple[str, str]] = list(write_figures(folder))
            for name, res in ran.items():
                draw = EXPERIMENTS[name].figures
                if draw is not None:
                    entries.extend(draw(res, folder))
            return entries

    written = write_report(report, out, figure_writer=figure_writer, formats=formats)
    summary = ", ".join(f"{n} {v}" for v, n in report["summary"].items() if n)
    print(f"{len(results)} claims: {summary} ({wall:.1f} s)", file=sys.stderr)
    for path in written:
        if path.suffix in (".json", ".md", ".html"):
            print(f"wrote {path}", file=sys.stderr)
    return 1 if report["summary"].get("error") else 0


def _cmd_sweep(args: argparse.Namespace) -> int:
    from verify.sweep import cells, load_spec, run_sweep

    try:
        spec = load_spec(args.spec)
    except (OSError, ValueError) as exc:
        raise SystemExit(f"error: {exc}") from None
    out = args.out if args.out is not None else DEFAULT_SWEEPS / spec.name
    n_tasks = len(cells(spec)) * len(spec.seeds.groups())
    if not args.quiet:
        print(f"{spec.name}: {len(cells(spec))} cells × {spec.seeds.count} seeds in {n_tasks} tasks", file=sys.stderr)
    try:
        table = run_sweep(
            spec,
            out,
            spec_path=args.spec,
            scheduler=args.scheduler,
            n_workers=args.workers,
            device=args.device,
            progress=not args.quiet,
        )
    except (ValueError, OSError) as exc:
        raise SystemExit(f"error: {exc}") from None
    for row in table["cells"]:
        grid = ", ".join(f"{k}={v}" for k, v in row["grid"].items()) or "all"
        lo, hi = row["wilson95"]
        print(
            f"{grid}: {row['not_rejected']}/{row['n_seeds']} not rejected (95 % {lo:.2f}–{hi:.2f}), "
            f"median accuracy {row['median_accuracy']:.3f}, median sup|D − ½| {row['median_sup_d_dev']:.3f}"
        )
    print(
        f"wrote {out}/table.json, table.csv, equilibrium.png ({table['timings']['wall_seconds']:.1f} s)",
        file=sys.stderr,
    )
    return 0


def _whole_number(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number ≥ ``minimum`` (argparse names the option in its message)."""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
        if n < minimum:
            raise argparse.ArgumentTypeError(f"must be an integer ≥ {minimum}, got {n}")
        return n

    return parse


_seed = _whole_number(0)
_workers = _whole_number(1)


def _add_engine_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scheduler",
        default="local",
        help="where trainings run: local (a cluster of worker processes, the default), serial (this process), "
        "or the address of a Dask scheduler",
    )
    p.add_argument(
        "--workers",
        type=_workers,
        help="worker processes of the local cluster (default: one per core, one per task at most)",
    )


def _cmd_list(args: argparse.Namespace) -> int:
    from verify.user_claims import pool_of

    for claim in _selection(args.claims, pool_of(args)):
        kinds = ",".join(sorted({c.kind.value for c in claim.checks})) or "literature"
        print(f"{claim.id:24s} {kinds:32s} {claim.defined_at:40s} {claim.title}")
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from verify.registry import get
    from verify.user_claims import pool_of

    try:
        claim = get(args.id, pool_of(args))
    except KeyError as exc:
        raise SystemExit(f"error: {exc.args[0]}") from None
    ctx = _context(args, _sources(args.sources))
    result = _run_one(claim, ctx, progress=not args.quiet)
    print(f"{claim.id}: {claim.title}\n")
    print(f"verdict: {result.verdict.value} ({result.explanation})\n")
    print(f"statement: {claim.statement}")
    for s in claim.sources:
        print(f"source: {s}")
    for a in claim.assumptions:
        print(f"assumption: {a}")
    for r in result.checks:
        print(f"\ncheck {r.check.name} [{r.check.kind.value}] {r.status}: {r.check.method}")
        variants = [("stated", r.stated), ("corrected", r.corrected)] + [("control", c) for c in r.controls]
        for role, v in variants:
            if v is None:
                continue
            print(f"  {role:9s} {v.label}: holds={v.outcome.holds}  {v.outcome.summary}")
            if v.outcome.counterexample and v.outcome.holds is False:
                print(f"            counterexample: {json.dumps(v.outcome.counterexample, ensure_ascii=False)[:300]}")
        if r.error:
            print(f"  error: {r.error}")
    return 0


def _run_one(claim: Claim, ctx: Context, *, progress: bool) -> ClaimResult:
    """Run ``claim`` for ``show``, with a moving progress line on stderr (profile, checks, elapsed time)."""
    from verify.runner import run_claim

    if not progress:
        return run_claim(claim, ctx)
    from tqdm import tqdm

    from gantheory.nn.trainer import observe_steps
    from verify.progress import Heartbeat, StepBars, step_reporter

    hint = "" if ctx.profile.name == "quick" else "; --profile quick for a short run"
    print(f"running {claim.id} on the {ctx.profile.name} profile ({len(claim.checks)} checks{hint})", file=sys.stderr)
    with (
        tqdm(total=1, desc=claim.id, unit="claim", file=sys.stderr, dynamic_ncols=True, leave=False) as bar,
        Heartbeat(bar, lambda: "running"),
        StepBars(),
        observe_steps(step_reporter(claim.id)),  # the trainings of experiments it runs itself
    ):
        result = run_claim(claim, ctx)
        bar.update(1)
    return result


def _cmd_cite(args: argparse.Namespace) -> int:
    from verify.cite import main as cite

    return cite(args)


def _cmd_diff(args: argparse.Namespace) -> int:
    from verify.report.compare import main as diff

    try:
        return diff(args.old, args.new, show_prose=args.prose, pattern=args.claims)
    except (FileNotFoundError, ValueError) as exc:
        raise SystemExit(f"error: {exc}") from None


def _cmd_c2st(args: argparse.Namespace) -> int:
    from verify.c2st import main as c2st

    return c2st(args)


def _add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--profile",
        choices=sorted(PROFILES),
        default="full",
        help="quick: what pytest runs; full: the reference report (default)",
    )
    p.add_argument("--seed", type=_seed, default=DEFAULT_SEED, help="base seed of every random choice (≥ 0)")
    p.add_argument("--sources", help=f"folder with the five documents, for code audits (or ${SOURCES_ENV})")
    p.add_argument("--no-experiments", action="store_true", help="do not train networks: empirical claims stay pending")
    p.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"), help="torch device for experiments")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m verify",
        description="Verify the claims of the GAN tutorial documents and write the report.",
        epilog="Without a command, `run`. `python -m verify COMMAND -h` lists a command's options.\n"
        "Exit status: 0 done, 1 an error (a claim's check, or the input), 2 a wrong option.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from verify.report.provenance import git_state

    commit = (git_state().get("commit") or "unknown")[:12]
    parser.add_argument("--version", action="version", version=f"gantheory {__version__} (commit {commit})")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error (anywhere)")
    sub = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    run = sub.add_parser("run", help="run claims and write the report (default)")
    run.add_argument("--claims", help="comma-separated ID globs, e.g. 'CG-*,JS-SYM'")
    run.add_argument(
        "--out",
        type=Path,
        help=f"output folder (default: {DEFAULT_OUT} for the reference run of every claim, a scratch folder otherwise)",
    )
    run.add_argument("--format", default="json,md,html", help="comma-separated: json, md, html")
    run.add_argument("--no-figures", action="store_true", help="skip the matplotlib figures")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    from verify.user_claims import add_arguments as add_user_claims_arguments

    add_user_claims_arguments(run)
    _add_run_options(run)
    _add_engine_options(run)
    lst = sub.add_parser("list", help="list the registered claims")
    lst.add_argument("--claims", help="comma-separated ID globs")
    add_user_claims_arguments(lst)
    show = sub.add_parser("show", help="run one claim and print its evidence")
    show.add_argument("id")
    show.add_argument("--quiet", action="store_true", help="no progress line")
    add_user_claims_arguments(show)
    _add_run_options(show)
    from verify.cite import add_arguments as add_cite_arguments

    cite = sub.add_parser("cite", help="cite a claim's verdict (text, BibTeX, JSON)")
    add_cite_arguments(cite, DEFAULT_OUT / "report.json")
    from verify.c2st import add_arguments as add_c2st_arguments

    add_c2st_arguments(sub.add_parser("c2st", help="classifier two-sample test of your GAN's samples (.npy)"))
    diff = sub.add_parser("diff", help="compare the verdicts and evidence of two reports")
    diff.add_argument("old", type=Path, help="a report.json or the folder that holds it")
    diff.add_argument("new", type=Path, help="a report.json or the folder that holds it")
    diff.add_argument("--prose", action="store_true", help="also list reworded statements, methods and labels")
    diff.add_argument("--claims", help="comma-separated ID globs: compare only these claims (not the experiments)")
    sweep = sub.add_parser("sweep", help="train a grid of settings over seeds, tabulate the measures")
    sweep.add_argument("spec", type=Path, help="the sweep's .toml or .yaml file")
    sweep.add_argument("--out", type=Path, help=f"output folder (default: {DEFAULT_SWEEPS}/<name>)")
    sweep.add_argument(
        "--device", choices=("auto", "cpu", "cuda"), help="torch device of the trainings (default: the spec's)"
    )
    sweep.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_engine_options(sweep)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m verify`` and ``gantheory-verify``.

    Wrong input ends with one ``error: ...`` line (exit status 1, or 2 for a wrong
    option); so does a fault of the suite itself, with a pointer to ``--debug``,
    which shows its traceback instead.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    argv = [a for a in argv if a != "--debug"]
    try:
        return _dispatch(argv)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if debug:
            raise
        first_line = (str(exc).strip().splitlines() or [""])[0][:300]
        print(
            f"error: internal error {type(exc).__name__}: {first_line} (rerun with --debug for the traceback)",
            file=sys.stderr,
        )
        return 1


def _dispatch(argv: list[str]) -> int:
    if not argv or (argv[0].startswith("-") and argv[0] not in ("--version", "-h", "--help")):
        argv = ["run", *argv]
    args = _parser().parse_args(argv)
    args.argv = argv
    if str(getattr(args, "device", None) or "").startswith("cuda"):
        from gantheory.nn import cuda_available

        if not cuda_available():
            # fail before any claim runs: otherwise every empirical check would end in `error`
            raise SystemExit(
                f"error: --device {args.device}: CUDA is not available in this torch build or on this machine; "
                "use --device cpu or --device auto"
            )
    commands = {"run": _cmd_run, "list": _cmd_list, "show": _cmd_show, "cite": _cmd_cite, "sweep": _cmd_sweep}
    commands["c2st"] = _cmd_c2st
    commands["diff"] = _cmd_diff
    return commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
