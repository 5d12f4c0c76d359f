"""Who sits where, under whom, in which month: mutasi (penempatan) and Plt./Plh. assignments.

One place decides, for a periode, each pegawai's placement and Pejabat Penilai; the scoring frames
(:mod:`kinerja.dataset.frames`) and the evaluator's scoped sheets (:mod:`kinerja.store.lembar`) both
call :func:`efektif`, so the form, reports and scores agree.

**Mutasi** (Lampiran hlm. 91 angka 13). A pegawai with rows in ``penempatan`` for a year has one
placement per row: from its ``mulai`` month until the month before the next row's ``mulai`` (the
last one until December). Each placement has its own SKP (the SKP rows whose ``mulai`` names it)
and its own Pejabat Penilai. Without ``penempatan`` rows the pegawai row is one placement for the
whole year. A periode is evaluated in the placement that holds the periode's *last* month:

  "untuk evaluasi kinerja periodik Pegawai, dilakukan oleh Pejabat Penilai Kinerja yang baru dan
  berdasarkan capaian kinerja organisasi periodik pada unit baru (periode evaluasi disesuaikan
  dengan unit baru)" (angka 13 huruf a), and "untuk evaluasi kinerja tahunan Pegawai, dilakukan oleh
  Pejabat Penilai Kinerja yang baru berdasarkan capaian kinerja organisasi tahunan pada unit baru"
  (huruf b).

A periode that ends before the pegawai's first placement of the year (moved in from another
instansi later) is not evaluated here.

**Plt./Plh.** (Lampiran hlm. 90 angka 3, 5 and 6). A row of ``plt`` says that a pegawai is Plt. or
Plh. of a post (``jabatan``) leading ``unit`` from ``mulai`` to ``selesai``.

* The staff of that unit whose ``nip_atasan`` is the Plt. are evaluated by the Plt. under
  delegation (angka 3); documents name the evaluator "Plt. <jabatan>".
* "Evaluasi kinerja bagi Pegawai yang mendapat penugasan sebagai Pelaksana Tugas (Plt.) dilakukan
  oleh pimpinan unit kerja dimana Pegawai melaporkan kinerja sebagai Plt." (angka 5): when the row
  names a ``nip_atasan``, that pimpinan is the Plt.'s Pejabat Penilai while the assignment lasts.
* When the assignment ends, the definitive placement applies again (angka 6).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kinerja.domain.periode import Periode, parse_periode

KOLOM_PENEMPATAN = ("unit", "jabatan", "jenis_jabatan", "nip_atasan")
"""The pegawai columns a placement replaces."""

JENIS_PLT = ("plt", "plh")
LABEL_PLT = {"plt": "Plt.", "plh": "Plh."}


def bulan_ke(kode) -> tuple[int, int]:
    """(tahun, bulan) of a bulanan periode code such as ``2026-08``."""
    p = parse_periode(kode)
    return p.tahun, p.bulan_awal


@dataclass(frozen=True)
class Penempatan:
    """One placement of a pegawai within a year: months ``awal``..``akhir`` (1-12)."""

    nip: str
    awal: int
    akhir: int
    mulai: str | None        # the penempatan.mulai code, None for the pegawai row (the whole year)
    unit: str | None
    jabatan: str | None
    jenis_jabatan: str | None
    nip_atasan: str | None

    @property
    def bulan(self) -> int:
        return self.akhir - self.awal + 1

    def tumpang(self, p: Periode) -> int:
        """Months this placement shares with periode ``p``."""
        return max(0, min(self.akhir, p.bulan_akhir) - max(self.awal, p.bulan_awal) + 1)


@dataclass
class Efektif:
    """The placements and evaluators that differ from the pegawai rows, for one periode.

    Pegawai absent from every mapping keep their pegawai row for the whole year."""

    periode: Periode
    penempatan: dict[str, Penempatan | None] = field(default_factory=dict)
    """nip -> the placement holding the periode's last month; None = not yet placed (not evaluated)."""
    riwayat: dict[str, list[Penempatan]] = field(default_factory=dict)
    """nip -> every placement of the year, in order (only for pegawai with penempatan rows)."""
    atasan_plt: dict[str, str] = field(default_factory=dict)
    """nip of a Plt./Plh. -> the pimpinan who evaluates them during the assignment (angka 5)."""
    sebagai: dict[tuple[str, str], str] = field(default_factory=dict)
    """(nip of an evaluator, unit) -> how they evaluate that unit's staff, e.g. "Plt. Kepala Bidang X"."""
    plt: dict[str, str] = field(default_factory=dict)
    """nip -> the Plt./Plh. post they hold in this periode, e.g. "Plt. Kepala Bidang X"."""

    def atasan(self, nip: str, nip_atasan: str | None) -> str | None:
        """The Pejabat Penilai of ``nip`` whose placement names ``nip_atasan``."""
        return self.atasan_plt.get(nip, nip_atasan)

    def label_penilai(self, nip_penilai: str | None, unit: str | None) -> str | None:
        return self.sebagai.get((nip_penilai, unit)) if nip_penilai else None


def _get(row: Mapping, key: str):
    v = row.get(key)
    if v is None or (isinstance(v, float) and v != v):
        return None
    return v


def riwayat_tahun(penempatan: Iterable[Mapping], tahun: int) -> dict[str, list[Penempatan]]:
    """Every pegawai's placements in ``tahun`` from ``penempatan`` rows (nip, mulai, unit, ...)."""
    starts: dict[str, list[tuple[int, Mapping]]] = {}
    for row in penempatan:
        mulai = _get(row, "mulai")
        if mulai is None or _get(row, "nip") is None:
            continue
        t, b = bulan_ke(mulai)
        if t == tahun:
            starts.setdefault(str(row["nip"]), []).append((b, row))
    out: dict[str, list[Penempatan]] = {}
    for nip, rows in starts.items():
        rows.sort(key=lambda x: x[0])
        ends = [b - 1 for b, _ in rows[1:]] + [12]
        out[nip] = [Penempatan(nip, b, e, str(_get(r, "mulai")), *(_get(r, k) for k in KOLOM_PENEMPATAN))
                    for (b, r), e in zip(rows, ends)]
    return out


def _aktif_plt(plt: Iterable[Mapping], p: Periode) -> list[Mapping]:
    """The Plt./Plh. rows whose assignment covers the periode's last month."""
    bulan = (p.tahun, p.bulan_akhir)
    out = []
    for row in plt:
        if _get(row, "mulai") is None or _get(row, "nip") is None:
            continue
        selesai = _get(row, "selesai")
        if bulan_ke(row["mulai"]) <= bulan and (selesai is None or bulan <= bulan_ke(selesai)):
            out.append(row)
    return out


def efektif(periode, penempatan: Iterable[Mapping] = (), plt: Iterable[Mapping] = ()) -> Efektif:
    """Placements and evaluators for ``periode`` (see the module docstring for the rules)."""
    p = parse_periode(periode)
    out = Efektif(p)
    out.riwayat = riwayat_tahun(penempatan, p.tahun)
    for nip, rows in out.riwayat.items():
        out.penempatan[nip] = next((r for r in rows if r.awal <= p.bulan_akhir <= r.akhir), None)
    for row in _aktif_plt(plt, p):
        label = f"{LABEL_PLT.get(str(_get(row, 'jenis') or 'plt').lower(), 'Plt.')} {_get(row, 'jabatan') or ''}".strip()
        nip = str(row["nip"])
        out.plt[nip] = label
        if _get(row, "unit") is not None:
            out.sebagai[(nip, str(row["unit"]))] = label
        if _get(row, "nip_atasan") is not None:
            out.atasan_plt[nip] = str(row["nip_atasan"])
    return out
