"""Charted feedback reports per pegawai and summaries per unit: HTML (self-contained) and PDF (A4).

The flow for a batch shard (see ``notebooks/03_laporan_pegawai.ipynb`` and :mod:`kinerja.batch.run`):

>>> lap = prepare("data_samples/instansi_contoh", "2026")        # load + score once per shard
>>> html = employee_html(lap, nip)                                  # one report, as a string
>>> result = render_shard(lap, out_dir="out/laporan", unit="Sekretariat", formats="html,pdf")

* Scoring is done once per shard (vectorised) by :func:`prepare`; each report then only slices the
  prepared frames, draws its charts and fills the Jinja2 templates in ``templates/report/``.
* The HTML is self-contained: CSS inline, charts as SVG ``data:`` URIs, no network reference.
  The PDF is rendered by WeasyPrint from the same template (A4, fonts embedded from the system's
  DejaVu Sans); WeasyPrint is never allowed to fetch anything over the network.
* Every file is written atomically (temporary file + rename) under a safe name
  (:func:`safe_name`), so a name or NIP cannot escape the output folder.
* Everything a user typed is escaped (Jinja2 autoescape).
"""

from __future__ import annotations


import datetime as _dt
import json
import math
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.domain import labels
from kinerja.report import laporan_360
from kinerja.domain.resources import resource_dir
from kinerja.domain.periode import Periode, parse_periode

TEMPLATE_DIR = resource_dir("templates") / "report"
FORMATS = ("html", "pdf")
PEMBINAAN_PREDIKAT = (labels.BUTUH_PERBAIKAN, labels.KURANG, labels.SANGAT_KURANG)


# --------------------------------------------------------------------------- safe, atomic files

def safe_name(text, max_len: int = 60, default: str = "tanpa-nama") -> str:
    """A file-name fragment: ASCII letters, digits and '-', never '.', '/', or empty."""
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")[:max_len].strip("-")
    return t or default


def safe_path(root: Path, *parts: str) -> Path:
    """``root/parts...`` after checking the result stays inside ``root`` (defence in depth)."""
    root = Path(root).resolve()
    p = root.joinpath(*parts).resolve()
    if not p.is_relative_to(root):
        raise ValueError(f"nama berkas di luar folder keluaran: {p}")
    return p


def _tulis(fh, data: bytes) -> None:
    """The one place report bytes reach the disk (tests simulate a full disk here)."""
    fh.write(data)


def atomic_write(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader (or a crash) never sees a partial file: either the old file or the new one exists.
    Temporary files are named ``.<name>.<random>.tmp``; :func:`clean_tmp` removes leftovers.
    Files are owner-only (0600, as :func:`tempfile.mkstemp` creates them): reports hold personal
    data. A full disk raises :class:`kinerja.errors.DiskPenuh` and leaves no partial or empty file.
    """
    from kinerja.errors import DiskPenuh

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            _tulis(fh, data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if DiskPenuh.cocok(e):
            raise DiskPenuh.dari(e, path.parent) from e
        raise
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def clean_tmp(root: Path) -> int:
    """Remove temporary files left by an interrupted run under ``root``. Returns how many."""
    n = 0
    for p in [*Path(root).rglob(".*.tmp"), *Path(root).rglob(".*.tmp.ipynb")]:
        try:
            p.unlink()
            n += 1
        except OSError:
            pass
    return n


# --------------------------------------------------------------------------- formatting helpers

def format_nip(nip) -> str:
    """``199001012015031001 -> "19900101 201503 1 001"`` (the printed form)."""
    s = str(nip or "")
    return f"{s[:8]} {s[8:14]} {s[14]} {s[15:]}" if len(s) == 18 and s.isdigit() else (s or "-")


def _text(v, default="-") -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return default
    s = str(v).strip()
    return s if s else default


def _rating_label(code) -> str:
    if not isinstance(code, str):
        return "-"
    try:
        return labels.rating_label(code)
    except ValueError:
        return code


def pangkat_gol(row) -> str:
    pk, gol = _text(row.get("pangkat"), ""), _text(row.get("golongan"), "")
    return f"{pk} ({gol})" if pk and gol else (pk or gol or "-")


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from kinerja.report.style import format_angka, format_persen

    env = Environment(loader=FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["persen"] = format_persen
    env.filters["angka"] = format_angka
    env.filters["rating"] = _rating_label
    env.filters["teks"] = _text
    env.filters["nip"] = format_nip
    return env


@lru_cache(maxsize=1)
def report_css() -> str:
    return (TEMPLATE_DIR / "report.css").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- preparation

@dataclass
class Laporan:
    """Everything the reports of one shard need, scored once (vectorised)."""

    ws: object
    periode: Periode
    data: object                      # PeriodeData of the periode
    scheme: object                    # the scheme module used for "how this was computed"
    scheme_cfg: dict | None
    scores: pd.DataFrame              # scheme score, indexed by nip
    s22: pd.DataFrame                 # permenpanrb-2022 score (ratings, predikat), indexed by nip
    indikator: dict                   # nip -> list of indikator records (with capaian)
    rhk: dict                         # nip -> list of RHK records
    perilaku: dict                    # nip -> {aspek: {"rating", "catatan"}}
    trend: dict                       # nip -> list of {"label", "capaian", "predikat"}
    angka_kredit: pd.DataFrame        # indexed by nip
    rules: list
    instansi: str
    tempat: str
    tanggal: _dt.date | None          # --tanggal: one date for every document (None: see tanggal_dokumen)
    inputs_mtime: float
    options: dict = field(default_factory=dict)

    @property
    def pegawai(self) -> pd.DataFrame:
        return self.data.pegawai


def _instansi(ws) -> str:
    org = getattr(ws, "organisasi", None)
    if org is not None and "instansi" in org.columns:
        vals = org["instansi"].dropna().astype(str)
        vals = vals[vals.str.strip() != ""]
        if len(vals):
            return vals.mode().iloc[0]
    return "-"


def inputs_mtime(path) -> float:
    """The newest modification time of a workspace's inputs (data files, database, config files)."""
    if path is None:
        return 0.0
    p = Path(path)
    if p.is_file():
        return p.stat().st_mtime
    if not p.is_dir():
        return 0.0
    times = [f.stat().st_mtime for f in p.iterdir()
             if f.is_file() and f.suffix.lower() in (".csv", ".xlsx", ".db", ".toml")]
    return max(times, default=0.0)


def _records_by_nip(df: pd.DataFrame) -> dict:
    out: dict = {}
    if df.empty:
        return out
    for nip, g in df.groupby("nip", sort=False):
        out[nip] = g.to_dict("records")
    return out


def _trend(ws, periode: Periode, s22mod, nips) -> dict:
    from kinerja.schemes import periode_data

    rows = {n: [] for n in nips}
    for tw in periode.tahunan().bagian("triwulan"):
        label = f"TW {['I', 'II', 'III', 'IV'][tw.nomor - 1]}"
        real = ws.realisasi
        has = set(real.loc[real["periode"] == tw.kode, "nip"])
        if not has:
            for n in nips:
                rows[n].append({"label": label, "kode": tw.kode, "capaian": float("nan"), "predikat": None})
            continue
        d = periode_data(ws, tw)
        sc = s22mod.score(d).set_index("nip")
        for n in nips:
            if n in has and n in sc.index:
                r = sc.loc[n]
                rows[n].append({"label": label, "kode": tw.kode, "capaian": float(r["capaian_rata"]),
                                "predikat": r["predikat"] if isinstance(r["predikat"], str) else None})
            else:
                rows[n].append({"label": label, "kode": tw.kode, "capaian": float("nan"), "predikat": None})
    return rows


def prepare(workspace, periode, *, scheme: str = "permenpanrb-2022", config: str | None = None,
            db_url: str | None = None, nips: Iterable[str] | None = None, unit: str | None = None,
            tempat: str | None = None, tanggal=None, ws=None) -> Laporan:
    """Load (or take ``ws``) and score one periode once, for the reports of a shard.

    ``nips``/``unit`` restrict the per-pegawai preparation (scores are computed on the whole
    workspace, so unit heads and the kurva see everyone).
    """
    from kinerja.schemes import angka_kredit
    from kinerja.report import feedback
    from kinerja.schemes import periode_data
    from kinerja.schemes import get_scheme
    from kinerja.schemes import permenpanrb_2022 as s22mod

    if ws is None:
        from kinerja.dataset.workspace import open_workspace

        ws = open_workspace(workspace, db_url=db_url)
    path = getattr(ws, "path", None) or (Path(workspace) if workspace else None)
    p = parse_periode(periode)
    mod = get_scheme(scheme)
    cfg = mod.load_config(path=config, workspace=path)  # shipped < workspace copy < --config
    data = periode_data(ws, p, cfg if mod is s22mod else None)
    s22 = s22mod.score(data).set_index("nip", drop=False)
    s22.index.name = None
    scores = s22 if mod is s22mod else mod.score(data, cfg).set_index("nip", drop=False)
    scores.index.name = None

    sel = pd.Index(data.pegawai.index)
    if unit:
        sel = sel[data.pegawai.loc[sel, "unit"].to_numpy() == unit]
    if nips is not None:
        want = [str(n) for n in nips]
        sel = sel[sel.isin(want)]
    from kinerja.dataset.frames import subset

    part = subset(data, list(sel))
    ind = s22mod.capaian_per_indikator(part)
    rhk = s22mod.capaian_per_rhk(part, ind)
    per = part.perilaku
    per_map: dict = {}
    for r in per.to_dict("records"):
        per_map.setdefault(r["nip"], {})[r["aspek"]] = {"rating": r.get("rating"), "catatan": r.get("catatan")}
    ak = angka_kredit.angka_kredit_frame(s22.loc[list(sel), ["nip", "predikat"]], data.pegawai,
                                         bulan=p.bulan).set_index("nip")
    return Laporan(
        ws=ws, periode=p, data=data, scheme=mod, scheme_cfg=cfg, scores=scores, s22=s22,
        indikator=_records_by_nip(ind), rhk=_records_by_nip(rhk), perilaku=per_map,
        trend=_trend(ws, p, s22mod, list(sel)), angka_kredit=ak,
        rules=feedback.load_rules(path if path and Path(path).is_dir() else None),
        instansi=_instansi(ws), tempat=tempat or "", tanggal=_as_date(tanggal),
        inputs_mtime=inputs_mtime(path),
        options={"selected": list(sel), "part": part, "hasil360": laporan_360.hasil_periode(ws, p),
                 "tanggal_evaluasi": tanggal_evaluasi(path, db_url, p)},
    )


def akhir_periode(p: Periode) -> _dt.date:
    """The last day of the periode (the default date of its documents)."""
    import calendar

    return _dt.date(p.tahun, p.bulan_akhir, calendar.monthrange(p.tahun, p.bulan_akhir)[1])


def tanggal_evaluasi(path, db_url, p: Periode) -> dict:
    """nip -> the date the Pejabat Penilai last set a final rating, from the store's audit trail
    (``penilaian.rating_hasil_kerja`` / ``rating_perilaku``). Empty for a workspace of files."""
    from kinerja.store.engine import db_url_for

    try:
        url = db_url_for(path, db_url) if (path is not None or db_url) else None
    except Exception:  # noqa: BLE001  (no database: no recorded dates)
        url = None
    if not url:
        return {}
    try:
        from kinerja.store.core import Store

        a = Store(url, upgrade=False).riwayat(periode=p)
    except Exception:  # noqa: BLE001  (an old or foreign database: fall back to the periode's end)
        return {}
    a = a[(a["tabel"] == "penilaian") & a["kolom"].isin(["rating_hasil_kerja", "rating_perilaku"])]
    out = {}
    for nip, waktu in zip(a["nip"], a["waktu"]):
        try:
            d = _dt.datetime.fromisoformat(str(waktu)).astimezone().date()
        except ValueError:
            continue
        if isinstance(nip, str) and (nip not in out or d > out[nip]):
            out[nip] = d
    return out


def tanggal_dokumen(lap: "Laporan", nip: str | None = None) -> _dt.date:
    """The date printed on a document: ``--tanggal`` when given; else, for a pegawai whose final ratings
    the store recorded on or after the periode's end, that date; else the last day of the periode."""
    if lap.tanggal is not None:
        return lap.tanggal
    akhir = akhir_periode(lap.periode)
    d = lap.options.get("tanggal_evaluasi", {}).get(nip) if nip else None
    return d if d is not None and d >= akhir else akhir


def _as_date(v) -> _dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    try:
        return _dt.date.fromisoformat(str(v).strip())
    except ValueError:
        raise ValueError(f"tanggal '{v}' tidak sah; tulis sebagai TTTT-BB-HH, misalnya 2027-01-15") from None


# --------------------------------------------------------------------------- charts (cached where shared)

@lru_cache(maxsize=16)
def _kuadran_uri(hk, pk) -> str:
    from kinerja.report.charts import figure_to_data_uri, kuadran_chart

    fig = kuadran_chart(hk, pk)
    return figure_to_data_uri(fig)


def _uri(fig) -> str:
    from kinerja.report.charts import figure_to_data_uri

    uri = figure_to_data_uri(fig)
    fig.clear()
    return uri


# --------------------------------------------------------------------------- one pegawai

def _identitas(peg: pd.DataFrame, nip) -> dict:
    if not isinstance(nip, str) or nip not in peg.index:
        return {"nama": "-", "nip": "-", "pangkat": "-", "jabatan": "-", "unit": "-"}
    r = peg.loc[nip]
    return {"nama": _text(r.get("nama")), "nip": format_nip(nip), "pangkat": pangkat_gol(r),
            "jabatan": _text(r.get("jabatan")), "unit": _text(r.get("unit"))}


def employee_context(lap: Laporan, nip: str, *, charts: bool = True) -> dict:
    """All values of one pegawai's report (plain data; the template only lays them out)."""
    from kinerja.report import feedback
    from kinerja.schemes import permenpanrb_2022 as s22mod

    peg = lap.data.pegawai
    if nip not in peg.index:
        raise KeyError(f"NIP {nip} tidak ada di workspace")
    row = lap.s22.loc[nip].to_dict()
    prow = peg.loc[nip]
    atasan = prow.get("nip_atasan")
    atasan = atasan if isinstance(atasan, str) and atasan in peg.index else None
    atasan2 = peg.loc[atasan].get("nip_atasan") if atasan else None
    atasan2 = atasan2 if isinstance(atasan2, str) and atasan2 in peg.index else None

    ind = lap.indikator.get(nip, [])
    rhk = lap.rhk.get(nip, [])
    per = lap.perilaku.get(nip, {})
    per_rating = {k: v["rating"] for k, v in per.items() if k in labels.BERAKHLAK}
    trend = lap.trend.get(nip, [])
    cfg = lap.data.config

    rhk_rows = []
    for r in rhk:
        items = [i for i in ind if i["rhk_id"] == r["rhk_id"]]
        rhk_rows.append({
            "rhk_id": r["rhk_id"], "rhk": r["rhk"], "jenis": "Utama" if r["jenis"] == "utama" else "Tambahan",
            "capaian": r["capaian_rhk"], "kategori": r["kategori"],
            "indikator": [{
                "iki_id": i["iki_id"], "indikator": i["indikator"], "aspek": _text(i.get("aspek")),
                "target": i["target_periode"], "satuan": _text(i.get("satuan"), ""),
                "realisasi": i["realisasi"] if i["realisasi"] == i["realisasi"] else None,
                "capaian": i["capaian"], "bukti": _text(i.get("bukti")),
                "umpan_balik": _text(i.get("umpan_balik")),
            } for i in items],
        })

    perilaku_rows = [{"nilai": lab, "rating": per.get(code, {}).get("rating"),
                      "catatan": _text(per.get(code, {}).get("catatan"))}
                     for code, lab in labels.BERAKHLAK_LABEL.items()]

    ak = lap.angka_kredit.loc[nip].to_dict() if nip in lap.angka_kredit.index else {}
    facts = feedback.facts(row, rhk, per_rating, ak, bulan=lap.periode.bulan)
    mod = lap.scheme
    # explain on the shard's subset: same numbers (unit heads and capaian organisasi were computed on
    # the whole workspace), much smaller frames to slice per pegawai
    part = lap.options.get("part")
    in_part = part is not None and nip in part.pegawai.index
    if in_part and hasattr(mod, "explain_many"):  # score the shard once, not once per pegawai
        if "explained" not in lap.options:
            lap.options["explained"] = mod.explain_many(part, lap.scheme_cfg)
        ex = lap.options["explained"][nip]
    else:
        ex = mod.explain(part if in_part else lap.data, nip, lap.scheme_cfg)
    steps = [{"label": s.label, "formula": s.formula, "inputs": [(k, _fmt_input(v)) for k, v in s.inputs.items()],
              "result": _fmt_input(s.result), "source": s.source} for s in ex.steps]

    cap_org = row.get("capaian_organisasi")
    pred = row.get("predikat") if isinstance(row.get("predikat"), str) else None
    final = row.get("status") == "final"
    pen = lap.data.penilaian
    ditetapkan = {c: bool(nip in pen.index and c in pen.columns and isinstance(pen.loc[nip, c], str))
                  for c in ("rating_hasil_kerja", "rating_perilaku")}
    ctx = {
        "judul": "Laporan Umpan Balik Kinerja Pegawai",
        "instansi": lap.instansi,
        "periode": {"kode": lap.periode.kode, "label": lap.periode.label,
                    "d11": _periode_d11(lap.periode), "rentang": _rentang(lap.periode)},
        "pegawai": _identitas(peg, nip),
        "nip_raw": nip,
        "penilai": _identitas(peg, atasan),
        "atasan_penilai": _identitas(peg, atasan2),
        "jenis_jabatan": labels.JENIS_JABATAN_LABEL.get(prow.get("jenis_jabatan"), "-"),
        "capaian_organisasi": cap_org if isinstance(cap_org, str) else "-",
        "kepala_unit": bool(row.get("kepala_unit")),
        "rhk": rhk_rows,
        "capaian_rata": row.get("capaian_rata"),
        "perilaku": perilaku_rows,
        "rating": {
            "usulan_hasil_kerja": row.get("usulan_hasil_kerja"), "hasil_kerja": row.get("rating_hasil_kerja"),
            "usulan_perilaku": row.get("usulan_perilaku"), "perilaku": row.get("rating_perilaku"),
            "override_hasil_kerja": bool(row.get("override_hasil_kerja")),
            "override_perilaku": bool(row.get("override_perilaku")),
            "alasan_usulan_hasil_kerja": _text(row.get("alasan_usulan_hasil_kerja")),
            "alasan": _text(row.get("alasan"), ""),
            "status": row.get("status"),
        },
        "final": final,
        "ditetapkan": ditetapkan,
        "predikat": predikat_tampil(row.get("predikat"), row.get("status")),
        "predikat_usulan": pred or "-",
        "penjelasan_predikat": (s22mod.PENJELASAN_PREDIKAT.get(pred, "") if final else
                                "Pejabat Penilai belum menetapkan rating hasil kerja dan rating perilaku kerja; "
                                f"predikat usulan sistem {pred or '-'} belum berlaku."),
        "skema": {"nama": getattr(mod, "TITLE", getattr(mod, "NAME", "")),
                  "bukan_2022": mod is not s22mod,
                  "nilai": lap.scores.loc[nip].get("nilai") if nip in lap.scores.index else None,
                  "predikat": _text(lap.scores.loc[nip].get("predikat")) if nip in lap.scores.index else "-"},
        "langkah": steps,
        "kekuatan": feedback.kekuatan(row, rhk, per_rating, cfg, trend),
        "area_perbaikan": feedback.area_perbaikan(row, rhk, per_rating, ind),
        "rekomendasi": feedback.rekomendasi(facts, lap.rules),
        "catatan": _text(row.get("catatan"), ""),
        "tempat": lap.tempat,
        "tanggal": _tanggal(tanggal_dokumen(lap, nip)),
        "warna_predikat": _predikat_colors(pred if final else None, usulan=not final),
    }
    if charts:
        from kinerja.report import charts as ch

        hk, pk = row.get("rating_hasil_kerja"), row.get("rating_perilaku")
        aktif = _aktif_label(lap.periode)
        if lap.options.get("charts") == "matplotlib":  # slower; the Figure versions of the same charts
            grafik = {"capaian": _uri(ch.capaian_chart(ind)) if ind else None,
                      "perilaku": _uri(ch.berakhlak_chart(per_rating)),
                      "tren": _uri(ch.trend_chart(trend, aktif=aktif))}
        else:
            grafik = {"capaian": ch.svg_data_uri(ch.capaian_svg(ind)) if ind else None,
                      "perilaku": ch.svg_data_uri(ch.berakhlak_svg(per_rating)),
                      "tren": ch.svg_data_uri(ch.trend_svg(trend, aktif=aktif))}
        grafik["kuadran"] = _kuadran_uri(hk if isinstance(hk, str) else None, pk if isinstance(pk, str) else None)
        ctx["grafik"] = grafik
    ctx["u360"] = laporan_360.konteks_pegawai(lap.options.get("hasil360"), nip, chart=charts)
    return ctx


def _aktif_label(p: Periode):
    return f"TW {['I', 'II', 'III', 'IV'][p.nomor - 1]}" if p.jenis == "triwulan" else None


def _fmt_input(v) -> str:
    from kinerja.schemes.explain import format_value

    if isinstance(v, (np.floating, np.integer)):
        v = v.item()
    return format_value(v)


def _tanggal(d) -> str:
    from kinerja.report.style import format_tanggal

    return format_tanggal(d)


def _periode_d11(p: Periode) -> str:
    if p.jenis == "triwulan":
        return f"TRIWULAN {['I', 'II', 'III', 'IV'][p.nomor - 1]}"
    if p.jenis == "tahunan":
        return "AKHIR"
    return p.label.upper()


def _rentang(p: Periode) -> str:
    import calendar

    from babel.dates import format_date

    a = _dt.date(p.tahun, p.bulan_awal, 1)
    b = _dt.date(p.tahun, p.bulan_akhir, calendar.monthrange(p.tahun, p.bulan_akhir)[1])
    return f"{format_date(a, 'd MMMM', locale='id_ID')} s.d. {format_date(b, 'd MMMM y', locale='id_ID')}".upper()


USULAN_WARNA = {"latar": "#ffffff", "teks": "#8a5a00", "garis": "#b7791f"}  # outlined amber, never a predikat fill


def predikat_tampil(predikat, status) -> str:
    """The predikat a document may print: the final one, or :data:`labels.PREDIKAT_USULAN` until the
    Pejabat Penilai has set both final ratings (``status != "final"``)."""
    if status != "final":
        return labels.PREDIKAT_USULAN
    return predikat if isinstance(predikat, str) else "-"


def _predikat_colors(pred, usulan: bool = False) -> dict:
    from kinerja.report.style import TEKS_PREDIKAT, WARNA, WARNA_PREDIKAT

    if usulan:
        return dict(USULAN_WARNA)
    return {"latar": WARNA_PREDIKAT.get(pred, WARNA["lain"]), "teks": TEKS_PREDIKAT.get(pred, "#ffffff"),
            "garis": WARNA_PREDIKAT.get(pred, WARNA["lain"])}


def employee_html(lap: Laporan, nip: str, *, inline_css: bool = True, ctx: dict | None = None) -> str:
    """The report of one pegawai as a self-contained HTML document."""
    ctx = ctx or employee_context(lap, nip)
    return _env().get_template("pegawai.html.j2").render(**ctx, css=report_css() if inline_css else "",
                                                          warna=_warna())


@lru_cache(maxsize=1)
def _warna() -> dict:
    from kinerja.report.style import TEKS_PREDIKAT, WARNA, WARNA_PREDIKAT

    return {"doc": WARNA, "predikat": WARNA_PREDIKAT, "teks_predikat": TEKS_PREDIKAT}


# --------------------------------------------------------------------------- PDF

@lru_cache(maxsize=1)
def _pdf_tools():
    """Parsed CSS, font configuration and a URL fetcher that only allows ``data:`` URIs."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    fc = FontConfiguration()
    fetcher = URLFetcher(allowed_protocols={"data"})
    return CSS(string=report_css(), font_config=fc), fc, fetcher


def html_to_pdf(html: str) -> bytes:
    """Render report HTML (made with ``inline_css=False``) to PDF bytes with WeasyPrint (A4)."""
    from weasyprint import HTML

    css, fc, fetcher = _pdf_tools()
    return HTML(string=html, url_fetcher=fetcher, base_url=str(TEMPLATE_DIR)).write_pdf(
        stylesheets=[css], font_config=fc)


# --------------------------------------------------------------------------- writing files

def employee_paths(out_dir, nip: str, nama, unit, formats: Iterable[str] = FORMATS) -> dict:
    """Where a pegawai's report files go: ``OUT/pegawai/<unit>/<nip>-<nama>.<fmt>`` (safe names)."""
    nip_s = safe_name(nip, 18, "nip")
    return {f: safe_path(Path(out_dir), "pegawai", safe_name(unit), f"{nip_s}-{safe_name(nama, 50)}.{f}")
            for f in formats}


def unit_paths(out_dir, unit, formats: Iterable[str] = ("html", "pdf", "xlsx")) -> dict:
    return {f: safe_path(Path(out_dir), "unit", f"ringkasan-{safe_name(unit)}.{f}") for f in formats}


def is_fresh(paths: dict, mtime: float) -> bool:
    """True when every file exists and is newer than the inputs."""
    try:
        return all(p.stat().st_mtime > mtime for p in paths.values())
    except FileNotFoundError:
        return False


def parse_formats(formats) -> list[str]:
    if isinstance(formats, str):
        formats = [f.strip().lower() for f in formats.split(",")]
    out = [f for f in formats if f]
    bad = [f for f in out if f not in ("html", "pdf", "xlsx")]
    if bad:
        raise ValueError(f"format tidak dikenal: {', '.join(bad)}; gunakan html, pdf atau xlsx")
    return out


def write_employee(lap: Laporan, nip: str, out_dir, formats=FORMATS, *, force: bool = False) -> dict:
    """Render and write one pegawai's report files. Returns a result record (status done/skipped)."""
    formats = [f for f in parse_formats(formats) if f in FORMATS]
    peg = lap.data.pegawai
    if nip not in peg.index:
        raise KeyError(f"NIP {nip} tidak ada di workspace")
    nama, unit = peg.loc[nip, "nama"], peg.loc[nip, "unit"]
    paths = employee_paths(out_dir, nip, nama, unit, formats)
    rec = {"nip": nip, "nama": str(nama), "unit": str(unit),
           "predikat": predikat_tampil(lap.s22.loc[nip].get("predikat"), lap.s22.loc[nip].get("status")),
           "predikat_usulan": _text(lap.s22.loc[nip].get("predikat")),
           "status_penilaian": lap.s22.loc[nip].get("status"),
           "files": {f: str(p.relative_to(Path(out_dir).resolve())) for f, p in paths.items()}}
    if not force and is_fresh(paths, lap.inputs_mtime):
        return {**rec, "status": "skipped"}
    ctx = employee_context(lap, nip)
    if "html" in paths:
        atomic_write(paths["html"], employee_html(lap, nip, ctx=ctx))
    if "pdf" in paths:
        atomic_write(paths["pdf"], html_to_pdf(employee_html(lap, nip, ctx=ctx, inline_css=False)))
    return {**rec, "status": "done"}


def render_shard(lap: Laporan, out_dir, *, nips=None, unit=None, formats="html,pdf", force: bool = False,
                 progress_file=None, show_progress: bool = False) -> pd.DataFrame:
    """Render the reports of a shard (the pegawai of ``unit`` and/or ``nips``; default: those
    :func:`prepare` selected). One failing pegawai is recorded with the reason and does not stop
    the others. Each result is appended to ``progress_file`` (JSON lines) as soon as it is known,
    so :mod:`kinerja.batch.run` can count progress. Returns one row per pegawai."""
    import resource

    from kinerja.errors import DiskPenuh

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    todo = list(lap.options.get("selected", []))
    if unit:
        todo = [n for n in todo if lap.data.pegawai.loc[n, "unit"] == unit]
    if nips:
        want = [str(n) for n in nips]
        known = set(lap.data.pegawai.index)
        todo = [n for n in want if n in set(todo) or n not in known]
    results = []
    fh = open(progress_file, "a", encoding="utf-8") if progress_file else None
    bar = None
    if show_progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(todo), unit="pegawai")
    try:
        for nip in todo:
            penuh = False
            try:
                rec = write_employee(lap, nip, out_dir, formats, force=force)
            except DiskPenuh as e:  # every further report would fail too: stop, say it once
                rec, penuh = {"nip": nip, "status": "failed", "alasan": str(e), "disk_penuh": True}, True
            except Exception as e:  # noqa: BLE001  (isolate one pegawai's failure, keep the reason)
                rec = {"nip": nip, "status": "failed", "alasan": f"{type(e).__name__}: {e}"}
            results.append(rec)
            if fh:
                try:
                    fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
                    fh.flush()
                except OSError:
                    pass
            if bar:
                bar.update(1)
            if penuh:
                break
        if fh:
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
            try:
                fh.write(json.dumps({"shard_done": True, "peak_rss_mb": rss}) + "\n")
            except OSError:
                pass
    finally:
        if fh:
            try:
                fh.close()
            except OSError:
                pass
        if bar:
            bar.close()
    return pd.DataFrame(results)


def shard_summary(results: pd.DataFrame) -> pd.DataFrame:
    """Counts per status (done / skipped / failed) and the failures with their reason."""
    if results.empty:
        return pd.DataFrame({"status": [], "jumlah": []})
    counts = results["status"].value_counts().rename_axis("status").reset_index(name="jumlah")
    return counts


# --------------------------------------------------------------------------- unit summary

def unit_context(lap: Laporan, unit: str) -> dict:
    """Values of one unit's summary: kurva, pegawai table, BerAKHLAK matrix, pembinaan, completion."""
    from kinerja.schemes import permenpanrb_2022 as s22mod

    sc = lap.s22[lap.s22["unit"] == unit]
    if sc.empty:
        raise KeyError(f"unit '{unit}' tidak ada di workspace")
    cap = sc["capaian_organisasi"].dropna()
    cap = cap.iloc[0] if len(cap) else None
    counts = {p: int((sc["predikat"] == p).sum()) for p in labels.PREDIKAT}
    pesan = s22mod.cek_kurva(counts, cap, lap.data.config) if isinstance(cap, str) else []
    peg = lap.data.pegawai
    rows = []
    for nip, r in sc.iterrows():
        rows.append({
            "nip": format_nip(nip), "nip_raw": nip, "nama": _text(r["nama"]), "jabatan": _text(r["jabatan"]),
            "capaian": r["capaian_rata"], "usulan_hasil_kerja": r["usulan_hasil_kerja"],
            "rating_hasil_kerja": r["rating_hasil_kerja"], "rating_perilaku": r["rating_perilaku"],
            "predikat": predikat_tampil(r["predikat"], r["status"]), "predikat_usulan": _text(r["predikat"]),
            "final": r["status"] == "final", "status": r["status"],
            "override": bool(r["override_hasil_kerja"] or r["override_perilaku"]),
            "penilai": _text(peg.loc[r["nip_atasan"], "nama"]) if isinstance(r["nip_atasan"], str)
            and r["nip_atasan"] in peg.index else "-",
        })
    order = {p: i for i, p in enumerate(labels.PREDIKAT)}
    rows.sort(key=lambda x: (order.get(x["predikat_usulan"], 9), x["nama"]))
    pembinaan = [dict(x, alasan=_alasan_pembinaan(x)) for x in rows
                 if x["predikat_usulan"] in PEMBINAAN_PREDIKAT or x["rating_hasil_kerja"] == "di_bawah"]
    belum = [x for x in rows if x["status"] != "final"]
    per = lap.data.perilaku
    per = per[per["nip"].isin(sc.index) & per["aspek"].isin(list(labels.BERAKHLAK))]
    matrix = per.pivot_table(index="nip", columns="aspek", values="rating", aggfunc="first") if not per.empty \
        else pd.DataFrame()
    if not matrix.empty:
        matrix.index = [f"{_text(peg.loc[n, 'nama'])}" for n in matrix.index]
    return {
        "judul": "Ringkasan Penilaian Kinerja Unit",
        "instansi": lap.instansi, "unit": unit,
        "periode": {"kode": lap.periode.kode, "label": lap.periode.label},
        "capaian_organisasi": cap if isinstance(cap, str) else "-",
        "jumlah": len(rows), "jumlah_per_predikat": counts,
        "persen_per_predikat": {p: (counts[p] / len(rows) * 100 if rows else 0.0) for p in labels.PREDIKAT},
        "kurva_pesan": pesan, "sesuai_kurva": not pesan, "ada_capaian": isinstance(cap, str),
        "pegawai": rows, "pembinaan": pembinaan, "belum_final": belum,
        "jumlah_final": len(rows) - len(belum),
        "predikat_usulan_label": labels.PREDIKAT_USULAN,
        "matrix": matrix, "tanggal": _tanggal(tanggal_dokumen(lap)), "tempat": lap.tempat,
        "u360": laporan_360.konteks_unit(lap.ws, lap.periode, unit, lap.options.get("hasil360")),
    }


def _alasan_pembinaan(x) -> str:
    parts = []
    usulan = "" if x["final"] else "usulan "
    if x["predikat_usulan"] in PEMBINAAN_PREDIKAT:
        parts.append(f"{usulan}predikat {x['predikat_usulan']}")
    if x["rating_hasil_kerja"] == "di_bawah":
        parts.append(f"{usulan}hasil kerja di bawah ekspektasi")
    return "; ".join(parts)


def unit_html(lap: Laporan, unit: str, *, inline_css: bool = True, ctx: dict | None = None) -> str:
    from kinerja.report import charts as ch

    ctx = ctx or unit_context(lap, unit)
    grafik = {"kurva": _uri(ch.kurva_chart(ctx["jumlah_per_predikat"],
                                           ctx["capaian_organisasi"] if ctx["ada_capaian"] else None,
                                           cfg=lap.data.config)),
              "heatmap": _uri(ch.berakhlak_heatmap(ctx["matrix"])) if not ctx["matrix"].empty else None}
    return _env().get_template("unit.html.j2").render(**ctx, grafik=grafik, css=report_css() if inline_css else "",
                                                       warna=_warna(), predikat_list=labels.PREDIKAT)


def write_unit(lap: Laporan, unit: str, out_dir, formats="html,pdf,xlsx", *, force: bool = False) -> dict:
    """Write one unit's summary (HTML, PDF, XLSX). Returns a result record."""
    from kinerja.report import xlsx_export

    formats = parse_formats(formats)
    paths = unit_paths(out_dir, unit, formats)
    rec = {"unit": unit, "files": {f: str(p.relative_to(Path(out_dir).resolve())) for f, p in paths.items()}}
    if not force and is_fresh(paths, lap.inputs_mtime):
        return {**rec, "status": "skipped"}
    ctx = unit_context(lap, unit)
    if "html" in paths:
        atomic_write(paths["html"], unit_html(lap, unit, ctx=ctx))
    if "pdf" in paths:
        atomic_write(paths["pdf"], html_to_pdf(unit_html(lap, unit, ctx=ctx, inline_css=False)))
    if "xlsx" in paths:
        atomic_write(paths["xlsx"], xlsx_export.unit_workbook_bytes(ctx))
    return {**rec, "status": "done"}


def render_units(lap: Laporan, out_dir, units=None, formats="html,pdf,xlsx", *, force: bool = False,
                 progress_file=None) -> pd.DataFrame:
    """Write the summaries of ``units`` (default: every unit of the prepared selection)."""
    from kinerja.errors import DiskPenuh

    if not units:
        sel = lap.options.get("selected") or list(lap.data.pegawai.index)
        units = sorted(set(lap.data.pegawai.loc[sel, "unit"]))
    elif isinstance(units, str):
        units = [units]
    out = []
    for u in units:
        try:
            rec = write_unit(lap, u, out_dir, formats, force=force)
        except DiskPenuh as e:
            rec = {"unit": u, "status": "failed", "alasan": str(e), "disk_penuh": True}
        except Exception as e:  # noqa: BLE001
            rec = {"unit": u, "status": "failed", "alasan": f"{type(e).__name__}: {e}"}
        out.append(rec)
        if progress_file:
            try:
                with open(progress_file, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps({"ringkasan": True, **rec}, ensure_ascii=False, default=str) + "\n")
            except OSError:
                pass
        if rec.get("disk_penuh"):
            break
    return pd.DataFrame(out)


def unit_table(lap: Laporan, unit: str) -> pd.DataFrame:
    """The unit's pegawai table as a DataFrame (for notebooks)."""
    ctx = unit_context(lap, unit)
    df = pd.DataFrame(ctx["pegawai"])[["nama", "nip", "jabatan", "capaian", "rating_hasil_kerja",
                                        "rating_perilaku", "predikat", "status"]]
    for c in ("rating_hasil_kerja", "rating_perilaku"):
        df[c] = df[c].map(_rating_label)
    return df
