"""Plan loading (``notebooks/01_muat_rencana.ipynb``): upload an SKP/pegawai file (CSV or XLSX),
see every validation problem in a table, preview the plans per unit, then import into the
workspace database (all-or-nothing, through :meth:`kinerja.store.core.Store.import_frames`)."""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

import ipywidgets as W
import pandas as pd

from kinerja.errors import InputError, ValidationErrors
from kinerja.ui import common


def baca_unggahan(files: list[tuple[str, bytes]]) -> tuple[dict, dict]:
    """Raw frames and sources from uploaded (name, bytes) pairs: CSV files named after their content
    (``skp.csv`` ...) or workbooks whose sheets are named so."""
    from kinerja.domain import schema
    from kinerja.io.files import EXCEL_SUFFIXES, _norm_header, read_table

    frames, sources, errors = {}, {}, []
    tmp = Path(tempfile.mkdtemp(prefix="kinerja-unggah-"))
    for name, data in files:
        p = tmp / Path(name).name
        p.write_bytes(data)
        if p.suffix.lower() in EXCEL_SUFFIXES:
            from openpyxl import load_workbook

            wb = load_workbook(p, read_only=True)
            sheets = [s for s in wb.sheetnames if _norm_header(s) in schema.FILES]
            wb.close()
            if not sheets:
                errors.append(InputError("tidak ada lembar bernama pegawai, skp, realisasi, ...", file=name))
            for s in sheets:
                frames[_norm_header(s)] = read_table(p, s)
                sources[_norm_header(s)] = (name, s)
        elif _norm_header(p.stem) in schema.FILES:
            frames[_norm_header(p.stem)] = read_table(p)
            sources[_norm_header(p.stem)] = (name, None)
        else:
            errors.append(InputError("nama berkas harus sesuai isinya, mis. skp.csv atau pegawai.csv", file=name))
    if errors:
        raise ValidationErrors(errors)
    return frames, sources


def pratinjau(ws, names=("skp",)) -> pd.DataFrame:
    """Plans per unit: pegawai, RHK (utama/tambahan) and indikator counts."""
    skp = ws.skp.merge(ws.pegawai[["nip", "unit"]], on="nip", how="left")
    rhk = skp.drop_duplicates(["periode", "nip", "rhk_id"])
    out = pd.DataFrame({
        "pegawai": ws.pegawai.groupby("unit").size(),
        "pegawai dengan SKP": skp.groupby("unit")["nip"].nunique(),
        "RHK utama": rhk[rhk["jenis"] == "utama"].groupby("unit").size(),
        "RHK tambahan": rhk[rhk["jenis"] == "tambahan"].groupby("unit").size(),
        "indikator": skp.groupby("unit").size(),
    }).fillna(0).astype(int)
    out.index.name = "unit"
    return out


def tabel_masalah(exc: ValidationErrors) -> str:
    df = exc.to_frame().fillna("")
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r) + "</tr>"
                   for r in df.itertuples(index=False))
    return ("<table class='kn-tabel kf-masalah'><tr><th>Berkas</th><th>Lembar</th><th>Baris</th><th>Kolom</th>"
            f"<th>Masalah</th></tr>{rows}</table>")


class MuatRencana:
    def __init__(self, store):
        self.store = store
        self.frames = self.sources = None
        self.pesan = common.Pesan("km-pesan")
        self.w_upload = W.FileUpload(accept=".csv,.xlsx", multiple=True, description="Pilih berkas",
                                     layout=W.Layout(width="200px"))
        self.w_upload.add_class("km-upload")
        self.w_hasil = W.HTML()
        self.w_muat = W.Button(description="Muat ke workspace", button_style="primary", icon="upload",
                               disabled=True, layout=W.Layout(width="200px"))
        self.w_muat.add_class("km-muat")
        self.w_upload.observe(lambda _c: self.periksa_unggahan(), names="value")
        self.w_muat.on_click(lambda _b: self.muat())
        self.widget = W.VBox([common.gaya(), common.header("Muat Rencana Kinerja (SKP)",
                                                           "Unggah berkas SKP/pegawai (CSV atau Excel), periksa, lalu muat"),
                              common.bagian("1. Unggah berkas", [self.w_upload, W.HTML(
                                  "<div class='kn-kecil'>Nama berkas CSV sesuai isinya (skp.csv, pegawai.csv, ...), "
                                  "atau satu berkas Excel dengan lembar bernama demikian.</div>")]),
                              common.bagian("2. Hasil pemeriksaan", [self.w_hasil, self.w_muat, self.pesan.widget])])
        self.widget.add_class("kn-app")

    def periksa(self, files: list[tuple[str, bytes]]) -> bool:
        """Validate uploaded files against the rest of the workspace; show problems or a preview."""
        from kinerja.io.files import validate_frames

        self.w_muat.disabled = True
        self.pesan.hapus()
        try:
            frames, sources = baca_unggahan(files)
            base = None if self.store.is_empty() else self.store.to_workspace()
            ws = validate_frames(frames, sources, base=base)
        except ValidationErrors as exc:
            self.w_hasil.value = tabel_masalah(exc)
            self.pesan.salah(f"Ditemukan {len(exc.errors)} masalah. Perbaiki berkas lalu unggah ulang; "
                             "tidak ada data yang dimuat.")
            return False
        except InputError as exc:
            self.w_hasil.value = ""
            self.pesan.salah(str(exc))
            return False
        self.frames, self.sources = frames, sources
        self.w_hasil.value = ("<div class='kn-kecil'>Berkas valid. Pratinjau rencana per unit:</div>"
                              + pratinjau(ws).to_html(classes="kn-tabel", border=0))
        self.w_muat.disabled = False
        self.pesan.info("Berkas valid: " + ", ".join(sorted(frames)) + ". Tekan 'Muat ke workspace' untuk memuat.")
        return True

    def periksa_unggahan(self) -> None:
        files = [(f["name"], bytes(f["content"])) for f in self.w_upload.value]
        if files:
            self.periksa(files)

    def muat(self) -> bool:
        if not self.frames:
            return False
        try:
            res = self.store.import_frames(self.frames, self.sources, oleh="notebook 01")
        except ValidationErrors as exc:
            self.w_hasil.value = tabel_masalah(exc)
            self.pesan.salah("Tidak dimuat: data berubah sejak diperiksa dan kini tidak valid.")
            return False
        self.w_muat.disabled = True
        self.pesan.ok(res.ringkasan())
        return True


def muat_rencana(store) -> W.Widget:
    return MuatRencana(store).widget
