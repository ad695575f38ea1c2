"""Replace a directory with a new set of files without ever destroying what we did not write.

The guarantee (documented in the README):
- The new files are written into a fresh sibling `.NAME.gcrules-XXXXXXXX` and swapped in with one atomic
  rename(2) exchange (Linux renameat2 RENAME_EXCHANGE), so at every instant DIR is either the complete old
  export or the complete new one. Where the exchange is unavailable (other systems, some file systems) two
  renames are used; in the instant between them DIR is absent and the complete old export sits in its
  `.NAME.gcrules-*` sibling, which the next run puts back if it finds DIR missing.
- Every export carries MANIFEST (file → sha256). A non-empty DIR is replaced only if it is such an export
  and holds nothing else and nothing changed since: a user's notes.txt, or an edited rules.json, is a refusal.
- Nothing is ever deleted that the manifest does not list; what remains (files that appeared while we
  worked) is kept, moved to a visible `NAME.kept-XXXXXXXX` next to DIR.
- An interrupted run (kill -9, power kept) leaves DIR as it was plus a stale sibling, which the next run
  removes. Files are not fsync'ed: after a power cut the file system's own guarantees apply.
- Files and directories are created with the process umask (0644/0755 under umask 022).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import json
import logging
import os
import secrets
from pathlib import Path

from .project import Project

MANIFEST = ".gcrules-export.json"
FORMAT = 1
log = logging.getLogger("gangcheng_rules.export")


class ExportError(Exception):
    """The export was refused or could not be written. The message says why; DIR was left as it was."""


def write_files(files: dict[str, bytes], out_dir: Path | str, project: Project | None = None) -> list[str]:
    """Write files (relative path → bytes) as directory out_dir, replacing a previous export of ours.

    Raises ExportError, with nothing changed, for a target that is unsafe to replace (see module doc).
    """
    target = resolve_target(out_dir)
    refuse_unsafe(target, project)
    clean_stale(target)
    previous = previous_export(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"cannot create {target.parent}: {_reason(e)}") from None
    manifest = _manifest(files)
    tmp, lock = _make_sibling(target)
    try:
        _write_manifest(tmp, {**manifest, "complete": False})  # first: a stale sibling is recognisably ours
        for rel, data in sorted(files.items()):
            write_file(tmp / rel, data)
        _write_manifest(tmp, manifest)
        if previous is None:
            os.rename(tmp, target)
        else:
            _swap(tmp, target)
    except BaseException as e:
        if tmp.exists():  # a failed swap changes nothing: tmp still holds only what we wrote
            _dispose(tmp, target, all_files=True)
        if isinstance(e, OSError):
            raise ExportError(f"cannot write the export to {target}: {_reason(e)}; {target} was left as it was") from None
        raise
    finally:
        os.close(lock)
    if previous is not None:
        try:
            _dispose(tmp, target, listed=previous)  # tmp now holds the previous export
        except OSError as e:  # the new export is in place; the old one is removed by the next run
            log.warning("could not remove the previous export (now in %s): %s", tmp, _reason(e))
    return sorted(files)


def check_target(out_dir: Path | str, project: Project | None = None) -> None:
    """Raise ExportError if write_files would refuse out_dir; reads only."""
    target = resolve_target(out_dir)
    refuse_unsafe(target, project)
    previous_export(target)


def write_file(path: Path, data: bytes) -> None:
    """One file of the export; its directory is made as needed (modes from the umask)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def resolve_target(out_dir: Path | str) -> Path:
    """The absolute target with its parent's symlinks resolved; the last component itself is never followed."""
    a = Path(os.path.abspath(out_dir))
    if not a.name:
        raise ExportError(f"refusing to export into {a}: it is the root of the file system")
    if a.is_symlink():
        raise ExportError(f"refusing to export into {a}: it is a symbolic link (to {os.readlink(a)}); give the real directory")
    return a.parent.resolve() / a.name


def refuse_unsafe(target: Path, project: Project | None) -> None:
    if target.exists() and not target.is_dir():
        raise ExportError(f"refusing to export into {target}: it is a file, not a directory")
    cwd = Path.cwd().resolve()
    if target == cwd or target in cwd.parents:
        raise ExportError(
            f"refusing to export into {target}: it is (or contains) the current directory; name a new directory, e.g. site/data"
        )
    if project is not None:
        root = project.root.resolve()
        if target == root or target in root.parents:
            raise ExportError(f"refusing to export into {target}: it is (or contains) the project {root}")
        for p in project.protected():
            if target == p or p in target.parents:
                raise ExportError(f"refusing to export into {target}: it is inside the project's {p.name}/ directory")


def previous_export(target: Path) -> dict[str, str] | None:
    """The manifest's files of the export in target (empty for an empty directory), None if target is absent.

    Raises ExportError if target holds anything we did not write or that changed since.
    """
    if not target.exists():
        return None
    try:
        entries = walk(target)
    except OSError as e:
        raise ExportError(f"cannot read {target}: {_reason(e)}") from None
    if not entries:
        return {}
    listed = _read_manifest(target)
    if listed is None:
        raise ExportError(
            f"refusing to replace {target}: it is not empty and not an export written by gcrules (no valid {MANIFEST}); "
            "choose a new or empty directory, or move its contents away"
        )
    foreign, changed = [], []
    dirs = {p for rel in listed for p in Path(rel).parents if str(p) != "."}
    for path in entries:
        rel = path.relative_to(target)
        if rel.as_posix() == MANIFEST:
            continue
        if path.is_symlink() or (path.is_dir() and rel not in dirs) or (not path.is_dir() and rel.as_posix() not in listed):
            foreign.append(rel.as_posix())
            continue
        try:
            if path.is_file() and _digest(path.read_bytes()) != listed[rel.as_posix()]:
                changed.append(rel.as_posix())
        except OSError as e:
            raise ExportError(f"cannot read {path}: {_reason(e)}; {target} was left as it was") from None
    if foreign or changed:
        what = "; ".join(
            part
            for part in (
                f"not written by gcrules: {_few(foreign)}" if foreign else "",
                f"changed since the export: {_few(changed)}" if changed else "",
            )
            if part
        )
        raise ExportError(f"refusing to replace {target}: it holds files that would be lost ({what}); move them away first")
    return listed


def clean_stale(target: Path) -> None:
    """Remove the siblings an interrupted run left; put a complete previous export back if target is missing."""
    try:
        stale = sorted(p for p in target.parent.glob(f".{target.name}.gcrules-*") if p.is_dir() and not p.is_symlink())
    except OSError:
        return
    for p in stale:
        try:
            lock = _try_lock(p)
        except OSError:
            continue
        if lock is None:  # another run is writing it
            continue
        try:
            listed = _read_manifest(p, complete_only=False)
            if listed is None:
                continue  # not ours: leave it
            if not target.exists() and _read_manifest(p) is not None:
                os.rename(p, target)  # the two-rename fallback was interrupted between its renames
                continue
            _dispose(p, target, listed=listed)
        except OSError as e:
            log.warning("could not remove the stale temporary directory %s: %s", p, _reason(e))
        finally:
            os.close(lock)


def walk(d: Path) -> list[Path]:
    """Everything under d, children before their directory, symbolic links listed but never followed."""
    out = []

    def fail(e: OSError):
        raise e

    for here, dirs, files in os.walk(d, topdown=False, onerror=fail):
        out += [Path(here, f) for f in sorted(files)] + [Path(here, x) for x in sorted(dirs)]
    return out


def _dispose(d: Path, target: Path, listed: dict[str, str] | None = None, all_files: bool = False) -> None:
    """Delete what we wrote in d (listed files, the manifest, then empty directories); keep anything else visibly."""
    names = set(listed or ()) | {MANIFEST}
    for path in walk(d):
        rel = path.relative_to(d).as_posix()
        with contextlib.suppress(FileNotFoundError):
            if path.is_dir() and not path.is_symlink():
                with contextlib.suppress(OSError):
                    path.rmdir()  # only if empty
            elif all_files or rel in names:
                path.unlink()
    with contextlib.suppress(FileNotFoundError):
        try:
            d.rmdir()
        except OSError:
            kept = target.with_name(f"{target.name}.kept-{secrets.token_hex(4)}")
            os.rename(d, kept)
            log.warning("files that were not part of the export appeared in %s while it was replaced; they are in %s", target, kept)


def _swap(new: Path, target: Path) -> None:
    if _exchange(new, target):
        return
    aside = target.with_name(f".{target.name}.gcrules-{secrets.token_hex(4)}")
    os.rename(target, aside)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(aside, target)
        raise
    os.rename(aside, new)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2 RENAME_EXCHANGE); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _make_sibling(target: Path) -> tuple[Path, int]:
    """A new empty sibling directory (mode from the umask, unlike mkdtemp's 0700), locked while we write it."""
    while True:
        tmp = target.with_name(f".{target.name}.gcrules-{secrets.token_hex(4)}")
        try:
            os.mkdir(tmp, 0o777)
        except FileExistsError:
            continue
        except OSError as e:
            raise ExportError(f"cannot write in {target.parent}: {_reason(e)}") from None
        lock = _try_lock(tmp)
        assert lock is not None, "a directory we just made is locked by another process"
        return tmp, lock


def _try_lock(d: Path) -> int | None:
    """An exclusive flock on directory d (released when its writer dies, even by kill -9), or None if held."""
    fd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def _manifest(files: dict[str, bytes]) -> dict:
    from importlib import metadata

    try:
        version = metadata.version("gangcheng-rules")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return {"generator": f"gangcheng-rules {version}", "format": FORMAT, "files": {rel: _digest(files[rel]) for rel in sorted(files)}}


def _write_manifest(d: Path, manifest: dict) -> None:
    (d / MANIFEST).write_text(json.dumps({**manifest, "complete": manifest.get("complete", True)}, indent=1, sort_keys=True) + "\n")


def _read_manifest(d: Path, complete_only: bool = True) -> dict[str, str] | None:
    """The file → digest map of d's manifest, or None if d has no valid manifest of ours."""
    try:
        m = json.loads((d / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    files = m.get("files") if isinstance(m, dict) else None
    if m.get("format") != FORMAT or not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        return None
    if complete_only and m.get("complete") is not True:
        return None
    return files


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _few(names: list[str]) -> str:
    return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def _reason(e: OSError) -> str:
    if e.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied ({e.filename or ''})".replace(" ()", "")
    if e.errno == errno.EROFS:
        return "read-only file system"
    return e.strerror or str(e)
