"""Publishing a report folder in one step: stage the whole folder beside it, then swap.

The report is a folder (``reports/``) whose files are committed to git at fixed
paths (``reports/REPORT.md``, ``reports/report.json``, ``reports/figures/...``).
Readers, git and links in the README see those paths; a crash must never leave
files of two runs side by side there. Renaming files one at a time cannot give
that, so the unit of publication is the folder itself:

1. Every file of the new report is written into a *staging folder*
   ``.<name>.staging-XXXX`` beside the output folder (same parent, so the same
   file system). Files in the output folder that the report does not own
   (a ``README``, notes) are hard-linked into it, so they survive.
2. The staging folder and the output folder are exchanged by one
   ``renameat2(RENAME_EXCHANGE)`` system call (Linux ≥ 3.15): atomic, so at every
   instant ``reports/`` is either the old folder or the new one. The old folder,
   now under the staging name, is then deleted.
3. Where the exchange is not available (another kernel or file system), the old
   folder is first renamed to ``.<name>.old-XXXX`` and the staging folder renamed
   into place. A crash between those two renames leaves no output folder; the next
   start moves the old one back (:func:`recover`).

A ``current`` symlink flipped between versioned folders would be atomic too, but
it would put symlinks (and folders renamed on every run) into git, and readers of
``reports/REPORT.md`` on a code host would see a link instead of the report.

Only one writer publishes into a parent folder at a time (an advisory
``flock`` on the parent folder), so the clean-up of stale staging folders at the
start of a run never removes the folder of a run still writing.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["OWNED", "ReportFolderError", "check_report_folder", "publication", "recover"]

#: Top-level entries a report owns: replaced as a whole by every run, never carried over.
OWNED = ("REPORT.md", "report.json", "report.html", "figures", "artifacts")

#: Staging folders of earlier versions, written inside the output folder.
_LEGACY_STAGING = ".report-"

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class ReportFolderError(ValueError):
    """The output folder cannot hold a report (a file, a non-report folder, a repository)."""


def _staging_prefix(out: Path) -> str:
    return f".{out.name}.staging-"


def _old_prefix(out: Path) -> str:
    return f".{out.name}.old-"


def check_report_folder(out: Path) -> None:
    """Raise :class:`ReportFolderError` unless ``out`` may be (re)written as a report folder.

    ``out`` may be missing, an empty folder, or a folder that already holds a report
    (one of :data:`OWNED`). A file, a device such as ``/dev/null``, a repository root
    or a folder of other files is refused: publishing replaces the whole folder.
    """
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        kind = "a symbolic link" if out.is_symlink() else "not a folder"
        raise ReportFolderError(f"{out} is {kind}; give a folder (new, empty, or holding an earlier report)")
    if not out.exists():
        return
    if (out / ".git").exists():
        raise ReportFolderError(f"{out} is a repository root; give a folder of its own, e.g. {out / 'reports'}")
    names = {p.name for p in out.iterdir() if not p.name.startswith(_LEGACY_STAGING)}
    if names and not names & set(OWNED):
        raise ReportFolderError(
            f"{out} holds files that are not a report ({', '.join(sorted(names)[:3])}, ...); "
            "give a new or empty folder, or one holding an earlier report"
        )


def _exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` atomically; False where the system cannot (the caller falls back)."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:  # glibc < 2.28, musl: no wrapper
        return False
    rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _lock(parent: Path, *, blocking: bool = True) -> Iterator[bool]:
    """Hold an advisory lock on ``parent``; yields whether it was obtained."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; one writer at a time is then the user's affair
        yield True
        return
    fd = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # closing releases the lock


def _recover_unlocked(out: Path) -> None:
    parent = out.parent
    olds = sorted(parent.glob(_old_prefix(out) + "*"), key=lambda p: p.stat().st_mtime)
    if olds and not out.exists():
        # a crash between the two renames of the fallback: the old report goes back
        os.rename(olds.pop(), out)
    for stale in [*olds, *parent.glob(_staging_prefix(out) + "*")]:
        shutil.rmtree(stale, ignore_errors=True)
    if out.is_dir():
        for legacy in out.glob(_LEGACY_STAGING + "*"):
            shutil.rmtree(legacy, ignore_errors=True)


def recover(out: Path) -> None:
    """Undo what a killed run left behind next to ``out``: stale staging folders, a half-done swap.

    Skipped (without waiting) while another process is publishing into the same parent folder.
    """
    out = Path(out)
    if not out.parent.is_dir():
        return
    with _lock(out.parent, blocking=False) as held:
        if held:
            _recover_unlocked(out)


def _carry_foreign(out: Path, staging: Path) -> None:
    """Hard-link (or copy) the entries of ``out`` that the report does not own into ``staging``."""
    for entry in out.iterdir():
        if entry.name in OWNED or entry.name.startswith(_LEGACY_STAGING):
            continue
        target = staging / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(entry), target)
        elif entry.is_dir():
            shutil.copytree(entry, target, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, target)


def _link_or_copy(src: str | Path, dst: str | Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _swap_in(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
    elif _exchange(staging, out):
        shutil.rmtree(staging)  # the old report, now under the staging name
    else:
        old = Path(tempfile.mkdtemp(prefix=_old_prefix(out), dir=out.parent))
        os.rmdir(old)
        os.rename(out, old)
        os.rename(staging, out)
        shutil.rmtree(old)
    _fsync_folder(out.parent)


@contextlib.contextmanager
def publication(out: Path) -> Iterator[Path]:
    """Stage a report for ``out``: yields an empty staging folder, published on a clean exit.

    On an exception the staging folder is removed and ``out`` is left untouched.

    Examples
    --------
    >>> with publication(Path("reports")) as folder:  # doctest: +SKIP
    ...     (folder / "report.json").write_text("{}")
    """
    out = Path(out)
    check_report_folder(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with _lock(out.parent):
        _recover_unlocked(out)
        staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(out), dir=out.parent))
        try:
            mode = out.stat().st_mode & 0o7777 if out.is_dir() else 0o777 & ~_umask()
            os.chmod(staging, mode)
            yield staging
            if out.is_dir():
                _carry_foreign(out, staging)
            _swap_in(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
