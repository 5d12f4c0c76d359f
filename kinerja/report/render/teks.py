"""Formatting for the templates: names, NIP, dates, the predikat a document may print, colours, the Jinja2 environment."""

from __future__ import annotations

import datetime as _dt
import math
from functools import lru_cache

import numpy as np

from kinerja.domain import labels
from kinerja.domain.periode import Periode
from kinerja.domain.resources import resource_dir


TEMPLATE_DIR = resource_dir("templates") / "report"


PEMBINAAN_PREDIKAT = (labels.BUTUH_PERBAIKAN, labels.KURANG, labels.SANGAT_KURANG)


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


@lru_cache(maxsize=1)
def _warna() -> dict:
    from kinerja.report.style import TEKS_PREDIKAT, WARNA, WARNA_PREDIKAT

    return {"doc": WARNA, "predikat": WARNA_PREDIKAT, "teks_predikat": TEKS_PREDIKAT}
