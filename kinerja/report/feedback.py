"""Feedback for one pegawai: kekuatan and area perbaikan from the data, and rekomendasi tindak lanjut
from configurable rules (``config/rekomendasi.toml``; a workspace may override it).

Everything here is pure Python over plain values (a score row, the RHK rows, the BerAKHLAK ratings),
so it is tested without rendering anything.
"""

from __future__ import annotations

import math
import string
from collections.abc import Mapping, Sequence

from kinerja.domain import labels
from kinerja.domain.config import load_config

JENIS_LABEL = {"pembinaan": "Pembinaan", "pelatihan": "Pelatihan", "penghargaan": "Penghargaan",
               "angka_kredit": "Angka Kredit", "lainnya": "Tindak lanjut"}


def load_rules(workspace=None, path=None) -> list[dict]:
    """The rekomendasi rules (defaults, overlaid by ``WORKSPACE/rekomendasi.toml`` or ``path``)."""
    return list(load_config("rekomendasi", workspace, path).get("aturan", []))


def _num(v, default=0.0) -> float:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return default
    return default if math.isnan(f) else f


def _pct(v, digits=1) -> str:
    from kinerja.report.style import format_persen

    return format_persen(v, digits)


def _join(items: Sequence[str]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " dan " + items[-1]


def kekuatan(row: Mapping, rhk: Sequence[Mapping], perilaku: Mapping[str, str], cfg: dict,
             trend: Sequence[Mapping] = ()) -> list[str]:
    """Strengths read from the data: RHK above expectation, BerAKHLAK role-model values, Utama kept,
    a rising trend."""
    out = []
    batas_atas = cfg["usulan_hasil_kerja"]["batas_di_atas"]
    atas = [r for r in rhk if r.get("kategori") == "di_atas"]
    for r in sorted(atas, key=lambda r: -_num(r.get("capaian_rhk")))[:3]:
        out.append(f"RHK {r['rhk_id']} ({r['rhk']}) melampaui ekspektasi dengan capaian "
                   f"{_pct(r['capaian_rhk'])} (batas di atas ekspektasi {_pct(batas_atas, 0)}).")
    utama = [r for r in rhk if r.get("jenis") == "utama"]
    if utama and all(r.get("kategori") in ("di_atas", "sesuai") for r in utama):
        out.append(f"Seluruh {len(utama)} RHK Utama mencapai atau melampaui target.")
    teladan = [labels.BERAKHLAK_LABEL[k] for k, v in perilaku.items() if v == "di_atas" and k in labels.BERAKHLAK]
    if teladan:
        out.append(f"Perilaku kerja di atas ekspektasi (menjadi teladan) pada nilai {_join(teladan)}.")
    vals = [(t["label"], t["capaian"]) for t in trend if t.get("capaian") == t.get("capaian")
            and t.get("capaian") is not None]
    if len(vals) >= 2 and vals[-1][1] > vals[0][1] + 5:
        out.append(f"Capaian rata-rata meningkat dari {_pct(vals[0][1])} ({vals[0][0]}) menjadi "
                   f"{_pct(vals[-1][1])} ({vals[-1][0]}).")
    if not out:
        sesuai = [r for r in rhk if r.get("kategori") == "sesuai"]
        if sesuai:
            out.append(f"{len(sesuai)} RHK sesuai ekspektasi (capaian minimal 100%).")
    return out


def area_perbaikan(row: Mapping, rhk: Sequence[Mapping], perilaku: Mapping[str, str],
                   indikator: Sequence[Mapping] = ()) -> list[str]:
    """Areas to improve: RHK below expectation (Utama first), missing realisasi or bukti dukung,
    BerAKHLAK values below expectation."""
    out = []
    bawah = sorted([r for r in rhk if r.get("kategori") == "di_bawah"],
                   key=lambda r: (r.get("jenis") != "utama", _num(r.get("capaian_rhk"))))
    for r in bawah:
        jenis = "Utama" if r.get("jenis") == "utama" else "Tambahan"
        out.append(f"RHK {jenis} {r['rhk_id']} ({r['rhk']}) di bawah ekspektasi: capaian {_pct(r['capaian_rhk'])}.")
    tanpa = [i for i in indikator if i.get("realisasi") is None or i.get("realisasi") != i.get("realisasi")]
    if tanpa:
        out.append(f"{len(tanpa)} indikator belum memiliki realisasi pada periode ini.")
    tanpa_bukti = [i for i in indikator if i.get("realisasi") == i.get("realisasi") and i.get("realisasi") is not None
                   and not (isinstance(i.get("bukti"), str) and i.get("bukti").strip())]
    if tanpa_bukti:
        out.append(f"{len(tanpa_bukti)} realisasi belum dilengkapi bukti dukung.")
    lemah = [labels.BERAKHLAK_LABEL[k] for k, v in perilaku.items() if v == "di_bawah" and k in labels.BERAKHLAK]
    if lemah:
        out.append(f"Perilaku kerja belum konsisten (di bawah ekspektasi) pada nilai {_join(lemah)}.")
    if not out:
        out.append("Tidak ada area yang di bawah ekspektasi pada periode ini; pertahankan dan tingkatkan.")
    return out


def facts(row: Mapping, rhk: Sequence[Mapping], perilaku: Mapping[str, str], ak: Mapping | None = None,
          bulan: int = 12) -> dict:
    """The named facts the rekomendasi rules test and quote (see config/rekomendasi.toml)."""
    from kinerja.report.style import format_angka

    bawah = [r for r in rhk if r.get("kategori") == "di_bawah"]
    p_bawah = [labels.BERAKHLAK_LABEL[k] for k, v in perilaku.items() if v == "di_bawah" and k in labels.BERAKHLAK]
    p_atas = [labels.BERAKHLAK_LABEL[k] for k, v in perilaku.items() if v == "di_atas" and k in labels.BERAKHLAK]
    ak = ak or {}
    ak_value = _num(ak.get("angka_kredit"), float("nan"))
    f = {
        "predikat": row.get("predikat") if isinstance(row.get("predikat"), str) else "-",
        "rating_hasil_kerja": row.get("rating_hasil_kerja"),
        "rating_perilaku": row.get("rating_perilaku"),
        "jenis_jabatan": row.get("jenis_jabatan"),
        "status": row.get("status"),
        "jumlah_rhk": int(_num(row.get("jumlah_rhk"))),
        "rhk_di_bawah": len(bawah),
        "rhk_utama_di_bawah": sum(1 for r in bawah if r.get("jenis") == "utama"),
        "rhk_di_atas": sum(1 for r in rhk if r.get("kategori") == "di_atas"),
        "capaian_rata": _num(row.get("capaian_rata"), float("nan")),
        "indikator_tanpa_realisasi": int(_num(row.get("indikator_tanpa_realisasi"))),
        "perilaku_di_bawah": len(p_bawah),
        "perilaku_di_atas": len(p_atas),
        "daftar_rhk_di_bawah": _join([r["rhk_id"] for r in bawah]),
        "daftar_perilaku_di_bawah": _join(p_bawah),
        "daftar_perilaku_di_atas": _join(p_atas),
        "fungsional_ak": row.get("jenis_jabatan") == "fungsional" and ak_value == ak_value,
        "angka_kredit": format_angka(ak_value, 3),
        "koefisien": format_angka(ak.get("koefisien"), 2),
        "persen_ak": _pct(_num(ak.get("persentase"), float("nan")) * 100, 0),
        "jenjang": ak.get("jenjang") or "-",
        "bulan": int(bulan),
    }
    return f


def _holds(key: str, want, f: Mapping) -> bool:
    if key.startswith("min_"):
        v = f.get(key[4:])
        return isinstance(v, (int, float)) and v == v and v >= want
    if key.startswith("maks_"):
        v = f.get(key[5:])
        return isinstance(v, (int, float)) and v == v and v <= want
    v = f.get(key)
    if isinstance(want, bool):
        return bool(v) == want
    if isinstance(want, (list, tuple)):
        return v in want
    return v == want


class _Facts(dict):
    def __missing__(self, key):
        return "-"


def rekomendasi(f: Mapping, rules: Sequence[Mapping]) -> list[dict]:
    """The rules whose conditions all hold, as ``{"id", "jenis", "label", "teks"}`` (rule order)."""
    out = []
    fmt = string.Formatter()
    safe = _Facts({k: ("-" if v is None else v) for k, v in f.items()})
    for rule in rules:
        cond = rule.get("jika", {})
        if all(_holds(k, v, f) for k, v in cond.items()):
            try:
                teks = fmt.vformat(str(rule.get("teks", "")), (), safe)
            except (ValueError, IndexError, AttributeError):  # a malformed rule text: show it as written
                teks = str(rule.get("teks", ""))
            jenis = str(rule.get("jenis", "lainnya"))
            out.append({"id": rule.get("id", ""), "jenis": jenis, "label": JENIS_LABEL.get(jenis, jenis.title()),
                        "teks": teks})
    return out
