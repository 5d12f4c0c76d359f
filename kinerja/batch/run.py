"""Batch reports: Papermill shards in a process pool (or on a Dask cluster).

Starting a kernel costs seconds while one report costs a fraction of a second, so the report
notebook (``notebooks/03_laporan_pegawai.ipynb``) runs once per *shard* (a block of NIPs of one or
more units), and the unit summaries run once through ``notebooks/04_ringkasan_unit.ipynb``.

* Shards run in a process pool of ``jobs`` workers (``engine="local"``) or as tasks on a
  ``dask.distributed`` cluster (``engine="dask"``; a LocalCluster when no scheduler is given).
* Progress: each shard appends one JSON line per pegawai to ``OUT/notebooks/.progress/<shard>.jsonl``;
  the parent reads those files and moves a tqdm bar that counts pegawai.
* Resume: a pegawai whose report files exist and whose data has the sidik (version, see
  :mod:`kinerja.batch.versi`) the manifest records for them is skipped without starting a kernel;
  ``force=True`` redoes everything. The manifest is rewritten atomically as reports complete, and
  the records of a killed run (its progress files) are folded in when the next run starts, so a
  rerun after a kill makes exactly the missing reports.
* Kernel warnings go to ``OUT/notebooks/kernel.log``, not to the terminal with the progress bar.
* Workers die with their parent: each pool worker leads its own process group (its Papermill
  kernels included) and kills that group when the parent is gone; an interrupted parent kills them.
* A full disk stops the run with one Indonesian message (:class:`kinerja.errors.DiskPenuh`) and
  leaves no empty or partial file; report files are owner-only (0600).
* Failure isolation: one pegawai that fails is recorded with its reason; a shard that fails as a
  whole marks its remaining pegawai failed. The run goes on; the exit code is 1 if anything failed.
* Every file is written atomically; names come from :func:`kinerja.report.render.safe_name`.
* ``OUT/index.html`` links every report and summary; ``OUT/manifest.json`` keeps the records.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.domain.resources import resource_dir

NOTEBOOK_PEGAWAI = resource_dir("notebooks") / "03_laporan_pegawai.ipynb"
NOTEBOOK_UNIT = resource_dir("notebooks") / "04_ringkasan_unit.ipynb"
KERNEL_NAME = "python3"
KERNEL_LOG = "kernel.log"  # OUT/notebooks/kernel.log: the workers' and kernels' warnings
MAX_SHARD = 400


@dataclass
class Shard:
    id: str
    kind: str                 # "pegawai" or "unit"
    nips: list = field(default_factory=list)
    units: list = field(default_factory=list)


@dataclass
class BatchResult:
    out: Path
    records: list
    elapsed: float
    peak_rss_mb: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for r in self.records if r.get("status") == status and "nip" in r)

    @property
    def failed(self) -> list:
        return [r for r in self.records if r.get("status") == "failed"]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def summary(self) -> str:
        lines = [f"Selesai dalam {self.elapsed:.1f} detik: {self.count('done')} laporan dibuat, "
                 f"{self.count('skipped')} dilewati (sudah terbaru), {self.count('failed')} gagal."]
        units = [r for r in self.records if "unit" in r and "nip" not in r]
        if units:
            lines.append(f"Ringkasan unit: {sum(r['status'] == 'done' for r in units)} dibuat, "
                         f"{sum(r['status'] == 'skipped' for r in units)} dilewati, "
                         f"{sum(r['status'] == 'failed' for r in units)} gagal.")
        for r in self.failed:
            who = f"NIP {r['nip']}" if "nip" in r else f"unit {r.get('unit')}"
            lines.append(f"  GAGAL {who}: {r.get('alasan', '-')}")
        lines.append(f"Indeks: {self.out / 'index.html'}")
        return "\n".join(lines)


# --------------------------------------------------------------------------- planning

def make_shards(todo: list[tuple[str, str]], jobs: int, shard_size: int | None = None) -> list[Shard]:
    """Blocks of NIPs in unit order. ``todo`` is [(unit, nip)]. Default size balances the workers and
    keeps a shard at most :data:`MAX_SHARD` pegawai."""
    from kinerja.report.render import safe_name

    todo = sorted(todo)
    n = len(todo)
    if not n:
        return []
    if not shard_size:
        nshards = max(1, jobs) * max(1, math.ceil(n / (max(1, jobs) * MAX_SHARD)))
        shard_size = math.ceil(n / nshards)
    shards = []
    for i in range(0, n, shard_size):
        block = todo[i:i + shard_size]
        first = safe_name(block[0][0], 30)
        shards.append(Shard(f"pegawai-{len(shards) + 1:03d}-{first}", "pegawai", nips=[b[1] for b in block]))
    return shards


# --------------------------------------------------------------------------- one shard (in a worker)

def run_shard(shard: Shard, params: dict, out: str) -> dict:
    """Execute the shard's notebook with Papermill. The executed notebook is kept under
    ``OUT/notebooks/`` (written atomically). Returns {"id", "ok", "error"}."""
    import papermill as pm

    nb = NOTEBOOK_PEGAWAI if shard.kind == "pegawai" else NOTEBOOK_UNIT
    nb_dir = Path(out) / "notebooks"
    nb_dir.mkdir(parents=True, exist_ok=True)
    final = nb_dir / f"{shard.id}.ipynb"
    tmp = nb_dir / f".{shard.id}.{os.getpid()}.tmp.ipynb"
    p = dict(params)
    if shard.kind == "pegawai":
        p.update(nips=shard.nips, unit="")
    else:
        p.update(units=shard.units)
    p["progress_file"] = str(nb_dir / ".progress" / f"{shard.id}.jsonl")
    from kinerja.errors import DiskPenuh

    error, penuh = None, False
    try:
        pm.execute_notebook(str(nb), str(tmp), parameters=p, kernel_name=KERNEL_NAME, cwd=str(nb.parent),
                            progress_bar=False, log_output=False, request_save_on_cell_execute=False)
    except OSError as e:
        penuh = DiskPenuh.cocok(e)
        error = str(DiskPenuh.dari(e, out)) if penuh else f"{type(e).__name__}: {e}"
    except Exception as e:  # noqa: BLE001  (PapermillExecutionError and kernel failures)
        error = f"{type(e).__name__}: {getattr(e, 'evalue', None) or str(e).strip().splitlines()[-1:]}"
    finally:
        try:
            if tmp.exists() and tmp.stat().st_size > 0 and not penuh:
                os.chmod(tmp, 0o600)
                os.replace(tmp, final)
            else:  # never an empty or half-written executed notebook
                tmp.unlink(missing_ok=True)
        except OSError:
            pass
    return {"id": shard.id, "ok": error is None, "error": error, "disk_penuh": penuh}


def _worker_init(parent_pid: int, log: str | None = None) -> None:
    """In each pool worker: lead a process group (its Papermill kernels join it) and kill the whole
    group as soon as the parent is gone, so a killed ``kinerja report`` leaves nothing writing.
    ``log``: the worker's and its kernels' stderr go to this file ("Kernel is running over TCP..."
    and other kernel warnings are not for the HR staff watching the progress bar)."""
    import signal
    import threading

    if log:
        try:
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.dup2(fd, 2)
            os.close(fd)
        except OSError:
            pass

    try:
        os.setpgrp()
    except OSError:
        pass

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent_pid:
                try:
                    os.killpg(os.getpgrp(), signal.SIGKILL)
                finally:
                    os._exit(1)

    threading.Thread(target=watch, daemon=True, name="kinerja-parent-watch").start()


# --------------------------------------------------------------------------- progress

class _Progress:
    def __init__(self, paths: dict, total: int, show: bool):
        self.paths, self.offsets, self.records, self.rss = paths, {k: 0 for k in paths}, [], []
        self.bar = None
        if show:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="pegawai", desc="Laporan", file=sys.stderr)

    def poll(self) -> list:
        """Read the complete lines appended since the last poll; returns the new records."""
        new = []
        for sid, path in self.paths.items():
            try:
                with open(path, encoding="utf-8") as fh:
                    fh.seek(self.offsets[sid])
                    chunk = fh.read()
            except FileNotFoundError:
                continue
            done = chunk.rfind("\n") + 1  # only complete lines
            self.offsets[sid] += len(chunk[:done].encode("utf-8"))
            for line in chunk[:done].splitlines():
                if not line.strip():
                    continue
                rec = json.loads(line)
                if rec.get("shard_done"):
                    self.rss.append(float(rec.get("peak_rss_mb", 0.0)))
                    continue
                rec["shard"] = sid
                self.records.append(rec)
                new.append(rec)
                if self.bar is not None and "nip" in rec:
                    self.bar.update(1)
        return new

    def skip(self, n: int) -> None:
        if self.bar is not None and n:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# --------------------------------------------------------------------------- the batch

def run_batch(workspace, periode, *, unit=None, nips=None, formats="html,pdf", jobs: int = 2, out=None,
              force: bool = False, engine: str = "local", scheduler: str | None = None,
              scheme: str = "permenpanrb-2022", config: str | None = None, db_url: str | None = None,
              shard_size: int | None = None, summaries: bool = True, tempat: str = "", tanggal=None,
              progress: bool = True) -> BatchResult:
    """Render the reports of a periode (all pegawai, one unit, or some NIPs) and the unit summaries.

    Raises :class:`kinerja.errors.DiskPenuh` (after saving what it can) when the disk is full."""
    from kinerja.batch import versi
    from kinerja.dataset.workspace import open_workspace
    from kinerja.domain.nip import normalise_nip
    from kinerja.domain.periode import parse_periode
    from kinerja.errors import DiskPenuh
    from kinerja.report import render as report

    t0 = time.perf_counter()
    p = parse_periode(periode)
    fmts = [f for f in report.parse_formats(formats) if f in report.FORMATS]
    tanggal = report._as_date(tanggal)  # a bad date fails here, before any kernel starts
    out = Path(out or Path("out") / f"laporan-{p.kode}").resolve()
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    report.clean_tmp(out)
    prog_dir = out / "notebooks" / ".progress"
    prog_dir.mkdir(parents=True, exist_ok=True, mode=0o700)

    ws = open_workspace(workspace, db_url=db_url)
    peg = ws.pegawai.set_index("nip", drop=False)
    records: list[dict] = []
    if unit:
        if unit not in set(peg["unit"]):
            raise ValueError(f"unit '{unit}' tidak ada di workspace")
        sel = peg[peg["unit"] == unit]
    else:
        sel = peg
    if nips:
        want = []
        for n in nips:
            try:
                want.append(normalise_nip(n))
            except Exception:  # noqa: BLE001
                want.append(str(n))
        missing = [n for n in want if n not in sel.index]
        records += [{"nip": n, "status": "failed", "alasan": "NIP tidak ditemukan di workspace"
                     + (f" (unit {unit})" if unit else "")} for n in missing]
        sel = sel[sel.index.isin(want)]

    unit_fmts = list(dict.fromkeys(fmts + ["xlsx"]))
    settings = {"periode": p.kode, "scheme": scheme, "formats": fmts, "tempat": tempat or "",
                "tanggal": str(tanggal or "")}
    sidik_peg, sidik_unit = versi.sidik(ws, settings, workspace, config)
    manifest = _Manifest(out)
    manifest.pulihkan(prog_dir)  # reports a killed run finished are kept, not redone

    def fresh(rec: dict | None, sidik: str, paths: dict) -> bool:
        return (not force and rec is not None and rec.get("sidik") == sidik
                and all(pth.is_file() and pth.stat().st_size > 0 for pth in paths.values()))

    todo = []
    for nip, r in sel.iterrows():
        paths = report.employee_paths(out, nip, r["nama"], r["unit"], fmts)
        old = manifest.pegawai.get(nip)
        if fresh(old, sidik_peg.get(nip), paths):
            records.append({**old, "nip": nip, "nama": r["nama"], "unit": r["unit"], "status": "skipped",
                            "files": {f: str(pth.relative_to(out)) for f, pth in paths.items()}})
        else:
            todo.append((r["unit"], nip))
    shards = make_shards(todo, jobs, shard_size)
    units = sorted(set(sel["unit"]))
    if summaries and units:
        stale = [u for u in units
                 if not fresh(manifest.unit.get(u), sidik_unit.get(u), report.unit_paths(out, u, unit_fmts))]
        for u in units:
            if u not in stale:
                records.append({**manifest.unit.get(u, {}), "unit": u, "status": "skipped"})
        # unit summaries are chart-heavy (about 1-2 s each): spread them over the workers and start
        # them first, so the pool does not end waiting on one long summary shard
        n = min(max(1, jobs), len(stale))
        shards[:0] = [Shard(f"ringkasan-unit-{i + 1:03d}" if n > 1 else "ringkasan-unit", "unit", units=stale[i::n])
                      for i in range(n) if stale[i::n]]

    params = {"workspace": str(Path(workspace).resolve()) if workspace else "", "db_url": db_url or "",
              "periode": p.kode, "scheme": scheme, "config": str(Path(config).resolve()) if config else "",
              "out_dir": str(out), "formats": ",".join(fmts), "force": True, "tempat": tempat or "",
              "tanggal": str(tanggal or "")}
    paths = {s.id: prog_dir / f"{s.id}.jsonl" for s in shards}
    for pth in paths.values():
        pth.unlink(missing_ok=True)
    # the plan: which sidik each report of this run is made from (read back by the next run after a kill)
    report.atomic_write(prog_dir / "rencana.json", json.dumps(
        {"pegawai": {n: sidik_peg.get(n) for s in shards for n in s.nips},
         "unit": {u: sidik_unit.get(u) for s in shards for u in s.units}}, ensure_ascii=False))
    manifest.rencana = {"pegawai": sidik_peg, "unit": sidik_unit}
    prog = _Progress(paths, total=len(sel) + sum(1 for r in records if "nip" in r and r["status"] == "failed"),
                     show=progress)
    prog.skip(sum(1 for r in records if "nip" in r))
    penuh: list = []

    def on_new(new: list) -> None:
        manifest.tambah(new)
        penuh.extend(r for r in new if r.get("disk_penuh"))
        try:
            manifest.simpan(throttle=True)
        except DiskPenuh as e:
            penuh.append({"alasan": str(e)})

    try:
        results = _execute(shards, params, out, jobs, engine, scheduler, prog, on_new,
                           stop=lambda: bool(penuh))
    finally:
        on_new(prog.poll())
        prog.close()

    by_shard = {s.id: s for s in shards}
    seen = {(r.get("shard"), r.get("nip"), r.get("unit") if "nip" not in r else None) for r in prog.records}
    records += [{k: v for k, v in r.items() if k not in ("shard", "ringkasan")} for r in prog.records]
    for res in results:
        if res.get("disk_penuh"):
            penuh.append({"alasan": res["error"]})
        if res["ok"]:
            continue
        s = by_shard[res["id"]]
        reason = res["error"] if res.get("disk_penuh") else f"shard {s.id} gagal: {res['error']}"
        if s.kind == "pegawai":
            records += [{"nip": n, "status": "failed", "alasan": reason} for n in s.nips
                        if (s.id, n, None) not in seen]
        else:
            done_units = {r.get("unit") for r in prog.records if r.get("shard") == s.id}
            records += [{"unit": u, "status": "failed", "alasan": reason} for u in s.units if u not in done_units]
    try:
        manifest.simpan()
        _write_index(out, p, ws, records, manifest)
        for pth in [*paths.values(), prog_dir / "rencana.json"]:  # folded into the manifest: done
            pth.unlink(missing_ok=True)
    except DiskPenuh as e:
        penuh.append({"alasan": str(e)})
    if penuh:
        raise DiskPenuh(penuh[0]["alasan"])
    rss = max(prog.rss, default=0.0)
    return BatchResult(out, records, time.perf_counter() - t0, rss)


def _execute(shards, params, out, jobs, engine, scheduler, prog, on_new=None, stop=None) -> list[dict]:
    if not shards:
        return []
    if engine == "dask":
        return _execute_dask(shards, params, out, jobs, scheduler, prog, on_new)
    if engine != "local":
        raise ValueError(f"engine '{engine}' tidak dikenal; gunakan local atau dask")
    import multiprocessing as mp

    results = []
    pool = ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=mp.get_context("spawn"),
                               initializer=_worker_init,
                               initargs=(os.getpid(), str(Path(out) / "notebooks" / KERNEL_LOG)))
    try:
        ids = {pool.submit(run_shard, s, params, str(out)): s.id for s in shards}
        pending = set(ids)
        while pending:
            done, pending = wait(pending, timeout=0.3, return_when=FIRST_COMPLETED)
            new = prog.poll()
            if on_new and new:
                on_new(new)
            results += [_result(f, ids[f]) for f in done]
            if stop is not None and stop():  # disk full: do not start the shards still queued
                for f in pending:
                    f.cancel()
                pending = {f for f in pending if not f.cancelled()}
    except BaseException:  # interrupted (Ctrl-C) or failing: no worker keeps writing reports
        _kill_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return results


def _kill_workers(pool) -> None:
    import signal

    for pid in list(getattr(pool, "_processes", {}) or {}):
        try:
            os.killpg(pid, signal.SIGKILL)  # the worker leads its group (its kernels are in it)
        except (OSError, ProcessLookupError):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


def _execute_dask(shards, params, out, jobs, scheduler, prog, on_new=None) -> list[dict]:
    from dask.distributed import Client, LocalCluster
    from dask.distributed import wait as dwait

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    results = []
    try:
        futures = {client.submit(run_shard, s, params, str(out), pure=False,
                                 key=f"kinerja-{s.id}-{time.time_ns()}"): s.id for s in shards}
        pending = list(futures)
        while pending:
            try:
                dwait(pending, timeout=0.3, return_when="FIRST_COMPLETED")
            except TimeoutError:
                pass
            still = []
            for f in pending:
                if f.done():
                    results.append(_result(f, futures[f]))
                else:
                    still.append(f)
            pending = still
            new = prog.poll()
            if on_new and new:
                on_new(new)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return results


def _result(future, shard_id: str) -> dict:
    try:
        return future.result()
    except Exception as e:  # noqa: BLE001  (a worker died: the whole shard failed)
        return {"id": shard_id, "ok": False, "error": f"{type(e).__name__}: {e}"}


# --------------------------------------------------------------------------- manifest and index

class _Manifest:
    """``OUT/manifest.json``: one record per pegawai and per unit summary (with the sidik it was made
    from), rewritten atomically as reports complete."""

    def __init__(self, out: Path):
        self.out = out
        m = _read_manifest(out)
        self.pegawai: dict = dict(m.get("pegawai", {}))
        self.unit: dict = dict(m.get("unit", {}))
        self.rencana: dict = {"pegawai": {}, "unit": {}}
        self._saved = 0.0
        self._dirty = False

    def tambah(self, records: list) -> None:
        for r in records:
            if r.get("status") != "done":
                continue
            clean = {k: v for k, v in r.items() if k not in ("status", "shard", "ringkasan")}
            if "nip" in r:
                clean["sidik"] = self.rencana["pegawai"].get(r["nip"])
                self.pegawai[r["nip"]] = clean
            elif "unit" in r:
                clean["sidik"] = self.rencana["unit"].get(r["unit"])
                self.unit[r["unit"]] = clean
            self._dirty = True

    def pulihkan(self, prog_dir: Path) -> int:
        """Fold in the records a killed run left in its progress files (with that run's plan)."""
        try:
            plan = json.loads((prog_dir / "rencana.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return 0
        self.rencana = {"pegawai": plan.get("pegawai", {}), "unit": plan.get("unit", {})}
        recs = []
        for f in sorted(prog_dir.glob("*.jsonl")):
            try:
                lines = f.read_text(encoding="utf-8").splitlines()
            except OSError:
                continue
            for line in lines:
                try:
                    rec = json.loads(line)
                except ValueError:  # the line being written when the run was killed
                    continue
                if isinstance(rec, dict) and not rec.get("shard_done"):
                    recs.append(rec)
        self.tambah(recs)
        if self._dirty:
            self.simpan()
        return len(recs)

    def simpan(self, throttle: bool = False) -> None:
        if not self._dirty or (throttle and time.monotonic() - self._saved < 1.0):
            return
        from kinerja.report.render import atomic_write

        m = {"pegawai": self.pegawai, "unit": self.unit}
        atomic_write(self.out / "manifest.json", json.dumps(m, ensure_ascii=False, indent=1, sort_keys=True, default=str))
        self._saved, self._dirty = time.monotonic(), False


def _read_manifest(out: Path) -> dict:
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _write_manifest(out: Path, old: dict, records: list) -> None:
    """Merge ``records`` (status done) into ``old`` and write the manifest (kept for callers and tests)."""
    m = _Manifest(out)
    m.pegawai, m.unit = dict(old.get("pegawai", {})), dict(old.get("unit", {}))
    m.tambah(records)
    m._dirty = True
    m.simpan()


def _write_index(out: Path, p, ws, records: list, manifest: "_Manifest | None" = None) -> None:
    from kinerja.domain import labels
    from kinerja.report.render import _env, _instansi, atomic_write, report_css
    from kinerja.report.style import WARNA_PREDIKAT

    man = _read_manifest(out) if manifest is None else {"pegawai": manifest.pegawai, "unit": manifest.unit}
    failed = [r for r in records if r.get("status") == "failed"]
    peg = {n: dict(r) for n, r in man.get("pegawai", {}).items()}
    for n, r in peg.items():  # records of older runs may lack fields: never a raw template error
        r.setdefault("nama", "-")
        r.setdefault("unit", "-")
        r.setdefault("files", {})
        if r.get("status_penilaian") != "final":
            r.setdefault("predikat_usulan", r.get("predikat"))
        r.setdefault("predikat", "-")
    units: dict = {}
    for nip, r in sorted(peg.items(), key=lambda kv: (str(kv[1].get("unit")), str(kv[1].get("nama")))):
        units.setdefault(r.get("unit", "-"), []).append({"nip": nip, **r})
    ringkasan = {u: {"files": {}, **r} for u, r in man.get("unit", {}).items()}
    gagal = [{"alasan": "-", **r} for r in failed]
    belum = sum(1 for r in peg.values() if r.get("status_penilaian") != "final")
    html = _env().get_template("index.html.j2").render(
        css=report_css(), instansi=_instansi(ws), periode=p.label, units=units,
        ringkasan=ringkasan, gagal=gagal, warna_predikat=dict(WARNA_PREDIKAT),
        usulan_label=labels.PREDIKAT_USULAN, belum_final=belum)
    atomic_write(out / "index.html", html)
