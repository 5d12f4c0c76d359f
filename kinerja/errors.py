"""Errors for bad input. Messages are in Bahasa Indonesia; they name the file, sheet, row and column.

Rows are counted as a person sees them in Excel: 1-based, counting the header row, so the first
data row is row 2.
"""

from __future__ import annotations

from dataclasses import dataclass


class KinerjaError(Exception):
    """Base class of every error kinerja raises on purpose."""


@dataclass
class InputError(KinerjaError):
    """One problem in an input file (or form value).

    ``row`` is the Excel-style row (header = 1, first data row = 2); ``None`` when the problem is
    about the whole file or a whole column.
    """

    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(f"berkas {self.file}")
        if self.sheet:
            parts.append(f"lembar {self.sheet}")
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        loc = self.location()
        return f"{loc}: {self.message}" if loc else self.message

    def as_dict(self) -> dict:
        return {"berkas": self.file, "lembar": self.sheet, "baris": self.row,
                "kolom": self.column, "pesan": self.message}


class ValidationErrors(KinerjaError):
    """All problems found in one pass over a workspace. Nothing was loaded."""

    def __init__(self, errors: list[InputError], truncated: bool = False):
        self.errors = list(errors)
        self.truncated = truncated
        super().__init__(self.summary())

    def summary(self) -> str:
        n = len(self.errors)
        more = " (daftar dipotong; perbaiki dulu masalah ini lalu periksa ulang)" if self.truncated else ""
        lines = [f"Ditemukan {n} masalah pada data masukan{more}. Tidak ada data yang dimuat atau disimpan."]
        lines += [f"  - {e}" for e in self.errors]
        return "\n".join(lines)

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([e.as_dict() for e in self.errors],
                            columns=["berkas", "lembar", "baris", "kolom", "pesan"])


class StaleEditError(KinerjaError):
    """An optimistic-concurrency conflict: someone else saved first."""


class AccessDenied(KinerjaError):
    """The acting evaluator may not read or write this pegawai."""


class SaveFailed(KinerjaError):
    """A write the database could not take (busy beyond the busy timeout, read-only, connection
    lost). The message is Indonesian and says what to do; nothing was written."""


class DiskPenuh(KinerjaError):
    """The output disk (or quota) is full: nothing half-written is left behind; rerun after freeing space."""

    ERRNOS = (28, 122)  # ENOSPC, EDQUOT (Linux)

    @classmethod
    def dari(cls, exc: OSError, folder) -> "DiskPenuh":
        return cls(f"Disk penuh: laporan tidak dapat ditulis ke {folder}. Kosongkan ruang disk lalu jalankan "
                   "perintah yang sama lagi; laporan yang sudah selesai tidak dibuat ulang.")

    @classmethod
    def cocok(cls, exc: BaseException) -> bool:
        return isinstance(exc, OSError) and exc.errno in cls.ERRNOS
