"""Exercises that check themselves: :class:`Soal`, the answer check, the score counter and "mode
pelatih". Topic-free; the exercise generators live in :mod:`.predikat_2022`, :mod:`.pp46`, :mod:`.kpi`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kinerja.domain import format as fmt


@dataclass(frozen=True)
class Soal:
    """One exercise: a question with choices, the right answer, a hint and a confirmation."""

    id: str
    topik: str                       # short topic shown above the question, e.g. "Kuadran"
    pertanyaan: str
    pilihan: tuple[str, ...]
    jawaban: str                     # one of pilihan
    petunjuk: str                    # shown after a wrong answer: points to the rule
    penjelasan: str                  # shown after a right answer (and in mode pelatih)
    sumber: str = ""
    konteks: tuple[tuple[str, str], ...] = ()   # small (label, value) table shown with the question
    petunjuk_khusus: Mapping[str, str] = field(default_factory=dict)  # wrong choice -> tailored hint

    def __post_init__(self):
        if self.jawaban not in self.pilihan:
            raise ValueError(f"jawaban '{self.jawaban}' tidak ada di pilihan soal {self.id}")


@dataclass(frozen=True)
class Hasil:
    benar: bool
    pesan: str
    kosong: bool = False  # no choice made yet


def periksa(soal: Soal, pilihan: str | None) -> Hasil:
    """Check one answer. Wrong: the hint (tailored when the mistake is a known one). Right: a short
    confirmation."""
    if pilihan is None or pilihan == "":
        return Hasil(False, "Pilih salah satu jawaban terlebih dahulu.", kosong=True)
    if pilihan not in soal.pilihan:
        raise ValueError(f"'{pilihan}' bukan pilihan soal {soal.id}")
    if pilihan == soal.jawaban:
        return Hasil(True, f"Benar. {soal.penjelasan}")
    khusus = soal.petunjuk_khusus.get(pilihan)
    pesan = f"Belum tepat. {khusus} {soal.petunjuk}" if khusus else f"Belum tepat. {soal.petunjuk}"
    return Hasil(False, pesan)


class Skor:
    """Score counter across exercises. A soal counts as solved once it is answered right (retrying
    after a hint is encouraged); ``pertama`` counts soal solved on the first try."""

    def __init__(self, soal: Sequence[Soal]):
        self.soal = list(soal)
        self._ids = {s.id for s in self.soal}
        self.percobaan: dict[str, int] = {}
        self.selesai: set[str] = set()
        self.pertama: set[str] = set()

    def jawab(self, soal: Soal, pilihan: str | None) -> Hasil:
        if soal.id not in self._ids:
            raise KeyError(soal.id)
        hasil = periksa(soal, pilihan)
        if hasil.kosong:
            return hasil
        n = self.percobaan.get(soal.id, 0) + 1
        self.percobaan[soal.id] = n
        if hasil.benar and soal.id not in self.selesai:
            self.selesai.add(soal.id)
            if n == 1:
                self.pertama.add(soal.id)
        return hasil

    @property
    def benar(self) -> int:
        return len(self.selesai)

    @property
    def dijawab(self) -> int:
        return len(self.percobaan)

    @property
    def total(self) -> int:
        return len(self.soal)

    def teks(self) -> str:
        return f"Skor: {self.benar} dari {self.total} soal benar"

    def rincian(self) -> str:
        return f"{self.dijawab} soal sudah dicoba, {len(self.pertama)} langsung benar"

    def reset(self) -> None:
        self.percobaan.clear()
        self.selesai.clear()
        self.pertama.clear()


class Latihan:
    """A set of soal with a score counter and the "mode pelatih" switch (reveals every answer)."""

    def __init__(self, soal: Sequence[Soal], judul: str = "Latihan"):
        self.judul = judul
        self.soal = list(soal)
        self.skor = Skor(self.soal)
        self.mode_pelatih = False

    def jawab(self, nomor: int, pilihan: str | None) -> Hasil:
        return self.skor.jawab(self.soal[nomor], pilihan)

    def kunci(self) -> list[dict]:
        """The answer key; empty unless mode pelatih is on."""
        return kunci_jawaban(self.soal) if self.mode_pelatih else []


def kunci_jawaban(soal: Iterable[Soal]) -> list[dict]:
    return [{"no": i, "topik": s.topik, "pertanyaan": s.pertanyaan, "jawaban": s.jawaban,
             "penjelasan": s.penjelasan, "sumber": s.sumber} for i, s in enumerate(soal, 1)]


def _pilihan_angka(benar: float, salah: Iterable[float]) -> tuple[tuple[str, ...], str]:
    """Up to four distinct choices (as shown: Indonesian, 2 decimals), in numeric order; the right one."""
    b = fmt.angka(benar)
    nilai = {b: float(benar)}
    for s in salah:
        t = fmt.angka(s)
        if t not in nilai and len(nilai) < 4:
            nilai[t] = float(s)
    return tuple(sorted(nilai, key=nilai.get)), b
