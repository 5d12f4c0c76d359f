"""Evaluation periods: bulanan, triwulan, semester and tahunan (PermenPANRB 6/2022 Pasal 23-25).

Canonical strings (case-insensitive on input; spaces and underscores are accepted for '-'):

=============  ==========  =========================
string         jenis       label shown to users
=============  ==========  =========================
``2026``       tahunan     Tahunan (Akhir) 2026
``2026-S1``    semester    Semester I 2026
``2026-TW3``   triwulan    Triwulan III 2026
``2026-07``    bulanan     Juli 2026  (also ``2026-B07``)
=============  ==========  =========================
"""

from __future__ import annotations

import re
from dataclasses import dataclass

JENIS = ("bulanan", "triwulan", "semester", "tahunan")
_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
_ROMAWI = ("I", "II", "III", "IV")
_MONTHS = {"bulanan": 1, "triwulan": 3, "semester": 6, "tahunan": 12}
_RE = re.compile(r"^(?P<tahun>\d{4})(?:-(?:(?P<tw>TW)(?P<twn>[1-4])|(?P<s>S)(?P<sn>[12])|B?(?P<bn>0?[1-9]|1[0-2])))?$")


class PeriodeError(ValueError):
    """A periode string that does not parse. The message is in Bahasa Indonesia."""


@dataclass(frozen=True, order=True)
class Periode:
    tahun: int
    jenis: str  # one of JENIS
    nomor: int = 0  # 0 for tahunan; 1-12 bulanan; 1-4 triwulan; 1-2 semester

    @property
    def kode(self) -> str:
        if self.jenis == "tahunan":
            return str(self.tahun)
        if self.jenis == "triwulan":
            return f"{self.tahun}-TW{self.nomor}"
        if self.jenis == "semester":
            return f"{self.tahun}-S{self.nomor}"
        return f"{self.tahun}-{self.nomor:02d}"

    def __str__(self) -> str:
        return self.kode

    @property
    def label(self) -> str:
        if self.jenis == "tahunan":
            return f"Tahunan (Akhir) {self.tahun}"
        if self.jenis == "triwulan":
            return f"Triwulan {_ROMAWI[self.nomor - 1]} {self.tahun}"
        if self.jenis == "semester":
            return f"Semester {_ROMAWI[self.nomor - 1]} {self.tahun}"
        return f"{_BULAN[self.nomor - 1]} {self.tahun}"

    @property
    def bulan(self) -> int:
        """Length of the period in months (12 for tahunan)."""
        return _MONTHS[self.jenis]

    @property
    def bulan_awal(self) -> int:
        return 1 if self.jenis == "tahunan" else (self.nomor - 1) * self.bulan + 1

    @property
    def bulan_akhir(self) -> int:
        return self.bulan_awal + self.bulan - 1

    @property
    def is_tahunan(self) -> bool:
        return self.jenis == "tahunan"

    def tahunan(self) -> "Periode":
        return Periode(self.tahun, "tahunan", 0)

    def bagian(self, jenis: str) -> list["Periode"]:
        """The sub-periods of this year of the given jenis, e.g. the four triwulan."""
        n = 12 // _MONTHS[jenis]
        return [Periode(self.tahun, jenis, i if jenis != "tahunan" else 0) for i in range(1, n + 1)] \
            if jenis != "tahunan" else [self.tahunan()]

    def memuat(self, other: "Periode") -> bool:
        """True when ``other`` lies inside this period (same year, months within)."""
        return (other.tahun == self.tahun and self.bulan_awal <= other.bulan_awal
                and other.bulan_akhir <= self.bulan_akhir)


def parse_periode(value) -> Periode:
    """Parse a periode string (or int year). Raises PeriodeError with an Indonesian message."""
    if isinstance(value, Periode):
        return value
    text = str(value).strip().upper().replace(" ", "-").replace("_", "-").replace("/", "-")
    if text.endswith(".0") and text[:-2].isdigit():  # a year read from Excel as a float
        text = text[:-2]
    m = _RE.match(text)
    if not m or not (1900 <= int(m["tahun"]) <= 2999):
        raise PeriodeError(
            f"periode '{value}' tidak dikenali; gunakan misalnya 2026 (tahunan), 2026-S1 (semester), "
            "2026-TW1 (triwulan) atau 2026-01 (bulanan)" + _excel_date_hint(str(value).strip()))
    tahun = int(m["tahun"])
    if m["tw"]:
        return Periode(tahun, "triwulan", int(m["twn"]))
    if m["s"]:
        return Periode(tahun, "semester", int(m["sn"]))
    if m["bn"]:
        return Periode(tahun, "bulanan", int(m["bn"]))
    return Periode(tahun, "tahunan", 0)


_BULAN_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BULAN_ID = ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des")


def _excel_date_hint(text: str) -> str:
    """A hint when a periode looks like a date Excel made of what was typed (``2026-01`` becomes
    1 Januari 2026), or an Excel date serial number; '' otherwise."""
    import datetime as _dt

    ym = None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", text)
    if m:
        ym = (int(m[1]), int(m[2]))
    m = m or re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", text)
    if m and ym is None:
        y = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        ym = (y, int(m[2]) if int(m[2]) <= 12 else int(m[1]))  # d/m/y as Indonesian Excel shows it
    m2 = re.fullmatch(r"([A-Za-z]{3})[a-z]*[-/ ](\d{2}|\d{4})", text)
    if m2 and m2[1].lower() in _BULAN_EN + _BULAN_ID:
        k = m2[1].lower()
        ym = (int(m2[2]) + (2000 if len(m2[2]) == 2 else 0), (_BULAN_EN.index(k) if k in _BULAN_EN else _BULAN_ID.index(k)) + 1)
    m3 = re.fullmatch(r"(\d{5})(?:\.0+)?", text)
    if m3 and 20000 <= int(m3[1]) <= 80000:
        d = _dt.date(1899, 12, 30) + _dt.timedelta(days=int(m3[1]))
        return (f". Angka {m3[1]} adalah tanggal {d.isoformat()} dalam format Excel: Excel mengubah periode yang "
                "diketik menjadi tanggal. Format kolom periode sebagai Teks lalu ketik ulang, mis. "
                f"{d.year}-{d.month:02d} atau {d.year}-TW{(d.month - 1) // 3 + 1}")
    if ym and 1 <= ym[1] <= 12:
        return (f". Nilai ini tampak seperti tanggal buatan Excel (Excel mengubah '{ym[0]}-{ym[1]:02d}' yang diketik "
                "menjadi tanggal). Format kolom periode sebagai Teks lalu ketik ulang, mis. "
                f"{ym[0]}-{ym[1]:02d} (bulanan) atau {ym[0]}-TW{(ym[1] - 1) // 3 + 1} (triwulan)")
    return ""


def normalise_periode(value) -> str:
    return parse_periode(value).kode
