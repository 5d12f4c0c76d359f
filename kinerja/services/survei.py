"""The public IKM survey (PermenPANRB 14/2017): one anonymous response, stored in the workspace database.

A resident opens the survey link of a unit (``voila/render/09_isi_survei_ikm.ipynb?unit=...``, e.g. a
QR code at the service counter), answers the nine unsur on the 1-4 scale and sends. :func:`simpan_jawaban`
checks the answers (whole numbers 1-4 for all nine unsur) and writes one row to the existing ``ikm`` table
(unit, periode, responden, u1..u9) in one transaction. The IKM analysis (:mod:`kinerja.schemes.ikm`,
notebook 08) and the IKI with ``sumber = ikm`` read the same table, so a response counts at once.

Anonymity: no name, NIP, address or free text is asked or stored. The ``responden`` code is
``w<YYYYMMDDHHMM>-<perangkat>-<acak>``: the minute of sending, six hex digits of a salted hash of the
device key (so the cooldown can be checked, and too short to tell devices apart reliably) and a
random part.

Guards against double submission and spam (both enforced here, in the service, not in the widget):

* **per device**: the same device key may send one response per unit every :data:`JEDA_PERANGKAT`
  (10 minutes). The device key is the client address and browser the server forwards
  (``X-Forwarded-For``/``X-Real-IP`` and ``User-Agent`` headers, when ``kinerja serve`` passes them to
  the kernel), else the page session: one response per page load.
* **per unit**: at most :data:`BATAS_UNIT` web responses per unit per :data:`JENDELA_UNIT`
  (120 per hour): a busy counter stays well under it, a script filling the survey does not.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import secrets

import pandas as pd

from kinerja.errors import InputError, KinerjaError

JEDA_PERANGKAT = _dt.timedelta(minutes=10)   # one response per device and unit in this time
BATAS_UNIT = 120                               # web responses per unit ...
JENDELA_UNIT = _dt.timedelta(hours=1)          # ... in this window
AWALAN = "w"                                   # responden codes of the web survey start with this

# The nine questions in plain Indonesian and the four answers of each, worst (1) to best (4).
# Source: PermenPANRB 14/2017, Lampiran (contoh kuesioner survei kepuasan masyarakat).
PERTANYAAN = {
    "u1": ("Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
           ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    "u2": ("Bagaimana pendapat Anda tentang kemudahan prosedur pelayanan di unit ini?",
           ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah")),
    "u3": ("Bagaimana pendapat Anda tentang kecepatan waktu pelayanan?",
           ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat")),
    "u4": ("Bagaimana pendapat Anda tentang kewajaran biaya/tarif pelayanan?",
           ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
    "u5": ("Bagaimana pendapat Anda tentang kesesuaian hasil pelayanan dengan yang dijanjikan dalam standar "
           "pelayanan?", ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    "u6": ("Bagaimana pendapat Anda tentang kemampuan petugas dalam memberikan pelayanan?",
           ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten")),
    "u7": ("Bagaimana pendapat Anda tentang kesopanan dan keramahan petugas?",
           ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah")),
    "u8": ("Bagaimana pendapat Anda tentang penanganan pengaduan, saran dan masukan?",
           ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik")),
    "u9": ("Bagaimana pendapat Anda tentang sarana dan prasarana pelayanan?",
           ("Buruk", "Cukup", "Baik", "Sangat baik")),
}


class TerlaluSering(KinerjaError):
    """A response refused by the cooldown or the unit's rate limit (Indonesian message, nothing written)."""


def periode_survei(waktu: _dt.datetime | None = None) -> str:
    """The triwulan a response sent at ``waktu`` (default now) belongs to, e.g. ``2026-TW4``."""
    w = waktu or _dt.datetime.now()
    return f"{w.year}-TW{(w.month - 1) // 3 + 1}"


def kunci_perangkat(env=None) -> str | None:
    """The device key from the headers the server forwards to the kernel, or None."""
    env = os.environ if env is None else env
    parts = [env.get(k, "").split(",")[0].strip()
             for k in ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "REMOTE_ADDR", "HTTP_USER_AGENT")]
    parts = [p for p in parts if p]
    return "|".join(parts) if parts else None


def _sidik_perangkat(kunci: str, unit: str) -> str:
    return hashlib.sha256(f"kinerja-survei|{unit}|{kunci}".encode()).hexdigest()[:6]


def _waktu_kode(kode: str) -> _dt.datetime | None:
    try:
        return _dt.datetime.strptime(kode[len(AWALAN):len(AWALAN) + 12], "%Y%m%d%H%M")
    except (ValueError, TypeError):
        return None


def unit_survei(store) -> list[str]:
    """The units a survey link may name: those of the workspace's pegawai and organisasi."""
    ws = store.to_workspace()
    units = set(ws.pegawai["unit"].dropna().astype(str))
    if "unit" in ws.organisasi.columns:
        units |= set(ws.organisasi["unit"].dropna().astype(str))
    return sorted(u for u in units if u.strip())


def periksa(jawaban: dict) -> dict:
    """The nine answers as whole numbers 1-4, or InputError naming every question not answered well."""
    bad = []
    out = {}
    for i, u in enumerate(PERTANYAAN, start=1):
        v = jawaban.get(u)
        try:
            ok = v is not None and float(v) == int(float(v)) and 1 <= int(float(v)) <= 4
        except (TypeError, ValueError):
            ok = False
        if ok:
            out[u] = int(float(v))
        else:
            bad.append(str(i))
    if bad:
        raise InputError(f"Pertanyaan {', '.join(bad)} belum dijawab. Pilih salah satu jawaban untuk setiap "
                         "pertanyaan.", column=",".join(f"u{b}" for b in bad))
    return out


def simpan_jawaban(store, unit: str, jawaban: dict, *, perangkat: str, waktu: _dt.datetime | None = None) -> str:
    """Store one anonymous response for ``unit``; returns its responden code.

    ``perangkat``: the device key (:func:`kunci_perangkat`, or a per-page random token). Raises
    InputError for missing/invalid answers or an unknown unit, :class:`TerlaluSering` for the
    cooldown / rate limit; nothing is written then."""
    import sqlalchemy as sa

    if unit not in unit_survei(store):
        raise InputError(f"Unit '{unit}' tidak dikenal. Periksa tautan survei yang Anda buka.", column="unit")
    nilai = periksa(jawaban)
    waktu = waktu or _dt.datetime.now()
    periode = periode_survei(waktu)
    sidik = _sidik_perangkat(perangkat, unit)
    t = store.t["ikm"]
    with store.engine.begin() as con:
        kode = [r[0] for r in con.execute(sa.select(t.c.responden).where(
            t.c.unit == unit, t.c.responden.like(f"{AWALAN}%")))]
        for k in kode:
            w = _waktu_kode(k)
            if w is None:
                continue
            if k.split("-")[1:2] == [sidik] and waktu - w < JEDA_PERANGKAT:
                raise TerlaluSering("Jawaban dari perangkat ini untuk unit ini sudah kami terima. Terima kasih! "
                                    f"Anda dapat mengisi lagi setelah {int(JEDA_PERANGKAT.total_seconds() // 60)} "
                                    "menit.")
        baru = [k for k in kode if (w := _waktu_kode(k)) is not None and waktu - w < JENDELA_UNIT]
        if len(baru) >= BATAS_UNIT:
            raise TerlaluSering("Terlalu banyak jawaban untuk unit ini dalam satu jam terakhir. Silakan coba "
                                "lagi nanti.")
        responden = f"{AWALAN}{waktu:%Y%m%d%H%M}-{sidik}-{secrets.token_hex(3)}"
        con.execute(sa.insert(t).values(unit=unit, periode=periode, responden=responden, **nilai))
    if hasattr(store, "_after_table_write"):
        store._after_table_write("ikm")
    return responden


def jawaban_web(store, unit: str | None = None) -> pd.DataFrame:
    """The web survey's rows (for the analysis page): unit, periode, responden, u1..u9."""
    ws = store.to_workspace()
    df = ws["ikm"]
    df = df[df["responden"].astype(str).str.startswith(AWALAN)]
    return df[df["unit"] == unit] if unit else df
