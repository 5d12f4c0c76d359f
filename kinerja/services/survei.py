"""The online IKM survey (issue 12 point 3): anonymous answers from residents, stored in the workspace.

A resident opens the respondent app (notebook ``09_isi_survei_ikm``, served by ``kinerja serve``)
through a link per unit, ``.../voila/render/09_isi_survei_ikm.ipynb?unit=NAMA`` (:func:`tautan_unit`;
:func:`lembar_qr` prints one QR code per unit for the service counter), answers the nine unsur of
PermenPANRB 14/2017 on the 1-4 scale and sends. :func:`kirim_jawaban` is the one way in:

* **Anonymous.** Stored: one row of the ``ikm`` table (unit, periode, a random responden code
  ``daring-xxxxxxxxxxxx``, u1..u9): no name, no NIP, no IP address, no time. The arrival is logged in
  ``audit`` (``oleh = 'responden anonim'``) with the unit and a *device hash* only (below), not the
  answers nor the responden code.
  Limit, said plainly: someone who can read the database itself can line up the ikm rows (in the
  order they were stored) with the audit times, so the survey is anonymous towards everyone who uses
  kinerja (no identity is ever collected), not a secret ballot against the database administrator.
* **Validated like ikm.csv.** The row goes through :func:`kinerja.io.files.validate_frames`, the same
  checks as an imported ``ikm.csv`` (unit must be a unit of the pegawai file, periode, whole answers
  within the scale of ``config/ikm.toml``); bad input raises :class:`kinerja.errors.ValidationErrors`
  and nothing is written. The periode is the survey periode containing today (``siklus``, default
  triwulan); a link may name another one, which must contain today (no answers into a closed periode).
* **Cooldown per device.** The browser keeps a random token (``localStorage``; the app sends it to the
  kernel). The store keeps only ``sha256(date | token)``: the hash changes every day, so the same
  device cannot be followed across days. A second answer from the same device within
  ``jeda_perangkat_detik`` (default 120 s) is refused (:class:`KirimanDitolak`, an Indonesian message);
  this also stops a double tap on "Kirim". A device that clears its storage gets a new token: the
  cooldown is a guard against double submission, not against a determined person.
* **Rate limit per unit.** At most ``batas_per_unit_per_menit`` answers (default 30) for one unit in
  any 60 s; more are refused. This caps what a script can write into one unit's IKM.
* Both limits are counted inside the writing transaction, which holds the workspace's write lock
  from its start (SQLite ``BEGIN IMMEDIATE``, PostgreSQL advisory lock): concurrent sends are counted
  one after the other, and a refused send writes nothing.

Settings: ``[survei]`` of ``config/ikm.toml`` (a workspace ``ikm.toml`` overrides them). They are
operational guards, not regulation numbers.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import html
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pandas as pd

from kinerja.domain.periode import Periode, parse_periode, PeriodeError
from kinerja.errors import InputError, ValidationErrors
from kinerja.schemes.ikm import KOLOM_UNSUR, UNSUR, config as ikm_config
from kinerja.store import survei as _db

NOTEBOOK = "09_isi_survei_ikm.ipynb"
SUMBER = "survei daring"          # the "file" named in validation messages
PANJANG_TOKEN_MIN = 16            # a device token shorter than this is refused (not a real token)
BAWAAN = {"jeda_perangkat_detik": 120, "batas_per_unit_per_menit": 30, "siklus": "triwulan"}


class KirimanDitolak(InputError):
    """An answer refused by the cooldown or the rate limit (nothing was written). Indonesian message."""


@dataclass(frozen=True)
class Tanda:
    """The receipt of an accepted answer."""

    unit: str
    periode: str
    responden: str


# ------------------------------------------------------------------------------ settings

def pengaturan(cfg: dict | None = None) -> dict:
    """The survey settings: :data:`BAWAAN` overlaid by ``[survei]`` of ``ikm.toml``."""
    cfg = cfg if cfg is not None else ikm_config()
    out = dict(BAWAAN)
    out.update(cfg.get("survei", {}) or {})
    return out


def skala(cfg: dict | None = None) -> tuple[int, int]:
    cfg = cfg if cfg is not None else ikm_config()
    return int(cfg["skala_min"]), int(cfg["skala_max"])


# The nine questions in plain Indonesian, one per unsur (PermenPANRB 14/2017, Lampiran: the unsur are
# UNSUR of kinerja.schemes.ikm; the questions follow the regulation's example questionnaire).
PERTANYAAN = {
    "u1": "Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "u2": "Bagaimana pemahaman Anda tentang kemudahan prosedur pelayanan di unit ini?",
    "u3": "Bagaimana pendapat Anda tentang kecepatan waktu dalam memberikan pelayanan?",
    "u4": "Bagaimana pendapat Anda tentang kewajaran biaya/tarif dalam pelayanan?",
    "u5": "Bagaimana pendapat Anda tentang kesesuaian produk pelayanan antara yang tercantum dalam "
          "standar pelayanan dengan hasil yang diberikan?",
    "u6": "Bagaimana pendapat Anda tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "u7": "Bagaimana pendapat Anda tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "u8": "Bagaimana pendapat Anda tentang penanganan pengaduan, saran dan masukan pengguna layanan?",
    "u9": "Bagaimana pendapat Anda tentang kualitas sarana dan prasarana?",
}
# The answer words of each question, worst (1) to best (4), as in the regulation's example questionnaire.
PILIHAN = {
    "u1": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "u2": ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    "u3": ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    "u4": ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    "u5": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "u6": ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    "u7": ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
    "u8": ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
    "u9": ("Buruk", "Cukup", "Baik", "Sangat baik"),
}


def kuesioner(cfg: dict | None = None) -> list[dict]:
    """The questionnaire: one dict per unsur (kode, unsur, pertanyaan, pilihan = [(nilai, teks)])."""
    lo, hi = skala(cfg)
    out = []
    for u in KOLOM_UNSUR:
        words = PILIHAN[u]
        if len(words) != hi - lo + 1:  # a scale other than 1-4 configured: plain numbers
            words = tuple(str(v) for v in range(lo, hi + 1))
        out.append({"kode": u, "unsur": UNSUR[u], "pertanyaan": PERTANYAAN[u],
                    "pilihan": [(lo + i, w) for i, w in enumerate(words)]})
    return out


# ------------------------------------------------------------------------------ periode, device

def _utc(sekarang=None) -> _dt.datetime:
    t = sekarang or _dt.datetime.now(_dt.timezone.utc)
    return t if t.tzinfo else t.replace(tzinfo=_dt.timezone.utc)


def periode_berjalan(sekarang=None, siklus: str | None = None) -> str:
    """The survey periode containing today: ``2026-TW4`` (triwulan), ``2026-S2``, ``2026-11`` or ``2026``."""
    t = _utc(sekarang).astimezone()  # the office's local date
    siklus = (siklus or pengaturan()["siklus"]).strip().lower()
    m = t.month
    if siklus == "triwulan":
        return Periode(t.year, "triwulan", (m - 1) // 3 + 1).kode
    if siklus == "semester":
        return Periode(t.year, "semester", (m - 1) // 6 + 1).kode
    if siklus == "bulanan":
        return Periode(t.year, "bulanan", m).kode
    if siklus == "tahunan":
        return str(t.year)
    raise InputError(f"siklus survei '{siklus}' tidak dikenal; gunakan triwulan, semester, bulanan atau tahunan",
                     file="ikm.toml", column="siklus")


def jejak_perangkat(token: str, tanggal: _dt.date) -> str:
    """The stored form of a device token: sha256 of the (UTC) date and the token, so it changes daily."""
    return hashlib.sha256(f"kinerja-ikm|{tanggal.isoformat()}|{token}".encode()).hexdigest()


def token_baru() -> str:
    """A random device token (the app uses this when the browser cannot keep one)."""
    return secrets.token_urlsafe(24)


# ------------------------------------------------------------------------------ the use case

def _iso(t: _dt.datetime) -> str:
    return t.astimezone(_dt.timezone.utc).isoformat(timespec="milliseconds")


def _baris(unit, periode, responden, jawaban: dict) -> pd.DataFrame:
    def teks(v):
        return "" if v is None else str(v).strip()

    raw = {"unit": teks(unit), "periode": teks(periode), "responden": responden}
    raw.update({u: teks(jawaban.get(u)) for u in KOLOM_UNSUR})
    return pd.DataFrame([raw], dtype=object)


def periksa(store, unit: str, periode: str, jawaban: dict, responden: str = "daring-periksa"):
    """Validate one answer with the ikm.csv checks (raises ValidationErrors); returns the typed row."""
    from kinerja.io.files import empty_workspace, validate_frames

    base = empty_workspace()
    base.pegawai = _db.pegawai(store)
    ws = validate_frames({"ikm": _baris(unit, periode, responden, jawaban)}, {"ikm": (SUMBER, None)}, base=base)
    return ws["ikm"].iloc[0]


def kirim_jawaban(store, unit: str, jawaban: dict, perangkat: str, *, periode: str | None = None,
                  sekarang=None, cfg: dict | None = None) -> Tanda:
    """Store one anonymous answer (``jawaban``: u1..u9 -> 1-4) for ``unit``. See the module docstring
    for the rules. Returns a :class:`Tanda`; raises :class:`KirimanDitolak` (cooldown, rate limit,
    closed periode, no device token) or :class:`ValidationErrors` (bad answer or unit). Nothing is
    written when it raises."""
    cfg = cfg if cfg is not None else ikm_config()
    atur = pengaturan(cfg)
    now = _utc(sekarang)
    token = (perangkat or "").strip()
    if len(token) < PANJANG_TOKEN_MIN:
        raise KirimanDitolak("Perangkat Anda tidak dikenali. Muat ulang halaman survei, lalu kirim lagi.",
                             file=SUMBER)
    kode = periode_berjalan(now, atur["siklus"])
    if periode:
        try:
            p = parse_periode(periode)
        except PeriodeError as exc:
            raise ValidationErrors([InputError(str(exc), file=SUMBER, row=2, column="periode")]) from None
        if not p.memuat(parse_periode(periode_berjalan(now, "bulanan"))):
            raise KirimanDitolak(f"Survei periode {p.label} tidak sedang dibuka. Gunakan tautan survei yang terbaru.",
                                 file=SUMBER, column="periode")
        kode = p.kode
    responden = f"daring-{secrets.token_hex(6)}"
    row = periksa(store, unit, kode, jawaban, responden)
    rec = {"unit": str(row["unit"]), "periode": str(row["periode"]), "responden": responden}
    rec.update({u: float(row[u]) for u in KOLOM_UNSUR})

    jeda = int(atur["jeda_perangkat_detik"])
    batas = int(atur["batas_per_unit_per_menit"])
    hari = {now.date(), (now - _dt.timedelta(seconds=jeda)).date()}
    jejak = jejak_perangkat(token, now.date())

    def tolak(n_perangkat: int, n_unit: int) -> None:
        if n_perangkat > 1:
            menit = max(1, -(-jeda // 60))
            raise KirimanDitolak(
                f"Jawaban dari perangkat ini baru saja kami terima. Terima kasih! Survei dapat diisi lagi dari "
                f"perangkat ini setelah {menit} menit.", file=SUMBER)
        if n_unit > batas:
            raise KirimanDitolak(
                f"Saat ini terlalu banyak jawaban untuk {rec['unit']} (lebih dari {batas} per menit). "
                "Mohon coba lagi sebentar lagi.", file=SUMBER)

    _db.simpan_jawaban(store, rec, waktu=_iso(now), jejak=jejak,
                       jejak_semua=[jejak_perangkat(token, d) for d in sorted(hari)],
                       sejak_perangkat=_iso(now - _dt.timedelta(seconds=jeda)),
                       sejak_unit=_iso(now - _dt.timedelta(seconds=60)), tolak=tolak)
    return Tanda(rec["unit"], rec["periode"], responden)


def daftar_unit(store) -> list[str]:
    """The units residents can give an opinion on (the units of the pegawai file)."""
    return _db.daftar_unit(store)


# ------------------------------------------------------------------------------ links and QR codes

def tautan_unit(base_url: str, unit: str, periode: str | None = None) -> str:
    """The respondent link of one unit, e.g. ``http://host:8866/voila/render/09_isi_survei_ikm.ipynb?unit=...``."""
    q = {"unit": unit} | ({"periode": periode} if periode else {})
    return f"{base_url.rstrip('/')}/voila/render/{NOTEBOOK}?{urlencode(q, quote_via=quote)}"


def lembar_qr_html(units, base_url: str, *, instansi: str = "", periode: str | None = None) -> str:
    """A printable HTML page (A4, one card per unit) with each unit's QR code (segno, SVG) and link,
    for the service counter."""
    import segno

    kartu = []
    for unit in units:
        url = tautan_unit(base_url, unit, periode)
        svg = segno.make(url, error="m").svg_inline(scale=5, border=2)
        kartu.append(
            "<section class='kartu'><h2>Survei Kepuasan Masyarakat</h2>"
            f"<p class='unit'>{html.escape(unit)}</p>{svg}"
            "<p>Pindai kode ini dengan kamera ponsel Anda, lalu jawab 9 pertanyaan singkat (sekitar 2 menit).<br>"
            "Tanpa nama, tanpa NIK: jawaban Anda anonim.</p>"
            f"<p class='url'>{html.escape(url)}</p></section>")
    judul = f"Kode QR survei IKM{(' ' + html.escape(instansi)) if instansi else ''}"
    return ("<!doctype html><html lang='id'><head><meta charset='utf-8'>"
            f"<title>{judul}</title><style>"
            "@page{size:A4;margin:12mm} body{font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;color:#1d2733}"
            ".kartu{page-break-inside:avoid;break-inside:avoid;border:2px solid #16375f;border-radius:10px;"
            "padding:10mm;margin:0 0 10mm 0;text-align:center} .kartu h2{margin:0;color:#16375f;font-size:20px}"
            ".unit{font-size:22px;font-weight:700;margin:4px 0 8px} .url{font-size:10px;color:#5b6775;"
            "word-break:break-all} svg{width:60mm;height:60mm}"
            f"</style></head><body><h1 style='font-size:16px'>{judul}</h1>{''.join(kartu)}</body></html>")


def lembar_qr(units, base_url: str, out, *, instansi: str = "", periode: str | None = None) -> Path:
    """:func:`lembar_qr_html` written to ``out`` (atomically: a temporary file, then renamed)."""
    doc = lembar_qr_html(units, base_url, instansi=instansi, periode=periode)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(doc, encoding="utf-8")
    tmp.replace(out)
    return out
