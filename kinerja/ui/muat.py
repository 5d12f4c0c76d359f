"""Plan loading (``notebooks/01_muat_rencana.ipynb``): upload an SKP/pegawai file (CSV or XLSX),
see every validation problem in a table, see what the import will add, change, delete and refuse
(konflik: a value an evaluator saved in the app), row by row, before anything is written, then
import into the workspace database through :mod:`kinerja.services.impor` (one transaction, merged
by key, audited with the HR person's identity)."""

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
    import shutil

    from kinerja.io.read import read_files  # the io name rules: misnamed files/sheets are reported

    tmp = Path(tempfile.mkdtemp(prefix="kinerja-unggah-"))
    try:
        paths = []
        for i, (name, data) in enumerate(files):
            p = tmp / f"{i}-{Path(name).name}"  # the upload's own name is what read_files checks
            p.write_bytes(data)
            paths.append((name, p))
        frames, sources, errors = read_files(paths)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
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


def pratinjau_html(ws):
    """:func:`pratinjau` as a styled table (unit as a column, no pandas index row), for the app."""
    from IPython.display import HTML

    return HTML(pratinjau(ws).reset_index().to_html(classes="kn-tabel", border=0, index=False))


def tabel_masalah(exc: ValidationErrors) -> str:
    df = exc.to_frame().fillna("")
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r) + "</tr>"
                   for r in df.itertuples(index=False))
    return ("<table class='kn-tabel kf-masalah'><tr><th>Berkas</th><th>Lembar</th><th>Baris</th><th>Kolom</th>"
            f"<th>Masalah</th></tr>{rows}</table>")


def identitas_hr(oleh: str | None = None) -> str | None:
    """Who is loading data, for the audit: ``oleh`` when given; else the server's user name
    (:func:`kinerja.ui.common.identitas_server`); in demo mode (no login) the operating-system user
    running the server. None when the server names nobody (no identity: loading is refused)."""
    if oleh:
        return oleh
    try:
        user = common.identitas_server()
    except ValueError:
        return None
    if user is None:
        from kinerja.services.impor import oleh_default

        return oleh_default()
    return user or None


def tabel_rencana(res, batas: int = 200) -> str:
    """The row-by-row plan of an import as HTML (konflik rows marked)."""
    from kinerja.store.transfer import AKSI_LABEL

    counts = "".join(
        f"<tr><td>{html.escape(n)}</td><td>{v['tambah']}</td><td>{v['ubah']}</td><td>{v['hapus']}</td>"
        f"<td>{v.get('konflik', 0)}</td></tr>" for n, v in res.perubahan.items() if sum(v.values()))
    out = ("<div class='kn-kecil'>Rencana impor (belum ada yang ditulis):</div>"
           "<div style='overflow-x:auto'><table class='kn-tabel km-rencana-ringkas'><tr><th>Berkas</th>"
           f"<th>Baris baru</th><th>Diubah</th><th>Dihapus</th><th>Konflik</th></tr>{counts}</table></div>")
    tab = res.tabel()
    if len(tab):
        rows = []
        for r in tab.head(batas).itertuples(index=False):
            cls = " class='km-konflik' style='background:#fff4e5'" if r.aksi == "konflik" else ""
            cells = [r.berkas, AKSI_LABEL.get(r.aksi, r.aksi), r.periode, r.nip, r.kunci, r.kolom, r.lama, r.baru]
            rows.append(f"<tr{cls}>" + "".join(f"<td>{html.escape('' if v is None or v != v else str(v))}</td>"
                                               for v in cells)
                        + "</tr>")
        more = (f"<div class='kn-kecil'>... dan {len(tab) - batas} baris lagi.</div>" if len(tab) > batas else "")
        out += ("<div class='km-rincian' style='max-height:320px;overflow:auto'><table class='kn-tabel km-rencana'>"
                "<tr><th>Berkas</th><th>Aksi</th><th>Periode</th><th>NIP</th><th>Kunci</th><th>Kolom</th>"
                f"<th>Lama</th><th>Baru</th></tr>{''.join(rows)}</table></div>{more}")
    if res.peringatan:
        out += ("<div class='kn-kecil km-peringatan'><b>Peringatan</b><ul>"
                + "".join(f"<li>{html.escape(w)}</li>" for w in res.peringatan) + "</ul></div>")
    return out


class MuatRencana:
    def __init__(self, store, oleh: str | None = None):
        self.store = store
        self.oleh = identitas_hr(oleh)
        self.frames = self.sources = None
        self.rencana = None
        self.pesan = common.Pesan("km-pesan")
        self.w_upload = W.FileUpload(accept=".csv,.xlsx", multiple=True, description="Pilih berkas",
                                     layout=W.Layout(width="200px"))
        self.w_upload.add_class("km-upload")
        self.w_hasil = W.HTML()
        self.w_rencana = W.HTML()
        self.w_rencana.add_class("km-rencana-html")
        self.w_timpa = W.Checkbox(value=False, indent=False, layout=W.Layout(width="auto"),
                                  description="Timpa isian penilai (konflik)",
                                  tooltip="Timpa juga nilai yang sudah diisi penilai di aplikasi")
        self.w_timpa.add_class("km-timpa")
        self.w_ganti = W.Checkbox(value=False, indent=False, layout=W.Layout(width="auto"),
                                  description="Ganti isi tabel (hapus baris lain)",
                                  tooltip="Hapus baris tabel berkas ini yang tidak ada di berkas")
        self.w_ganti.add_class("km-ganti")
        self.w_muat = W.Button(description="Muat ke basis data", button_style="primary", icon="upload",
                               disabled=True, layout=W.Layout(width="200px"))
        self.w_muat.add_class("km-muat")
        self.w_upload.observe(lambda _c: self.periksa_unggahan(), names="value")
        for w in (self.w_timpa, self.w_ganti):
            w.observe(lambda _c: self.rencanakan(), names="value")
        self.w_muat.on_click(lambda _b: self.muat())
        self.widget = W.VBox([common.gaya(), common.header("Muat Rencana Kinerja (SKP)",
                                                           "Unggah berkas SKP/pegawai (CSV atau Excel), periksa, lalu muat"),
                              common.bagian("1. Unggah berkas", [self.w_upload, W.HTML(
                                  "<div class='kn-kecil'>Nama berkas CSV sesuai isinya (skp.csv, pegawai.csv, ...), "
                                  "atau satu berkas Excel dengan lembar bernama demikian.</div>")]),
                              common.bagian("2. Hasil pemeriksaan dan rencana impor",
                                            [self.w_hasil, self.w_rencana, self.w_timpa, self.w_ganti, self.w_muat,
                                             self.pesan.widget])])
        self.widget.add_class("kn-app")

    def periksa(self, files: list[tuple[str, bytes]]) -> bool:
        """Validate uploaded files against the workspace; show problems, or the plan row by row."""
        self.w_muat.disabled = True
        self.pesan.hapus()
        self.w_rencana.value = ""
        try:
            frames, sources = baca_unggahan(files)
        except ValidationErrors as exc:
            return self._masalah(exc)
        except InputError as exc:
            self.w_hasil.value = ""
            self.pesan.salah(str(exc))
            return False
        self.frames, self.sources = frames, sources
        return self.rencanakan()

    def rencanakan(self) -> bool:
        """(Re)compute the plan for the uploaded files with the chosen options; writes nothing."""
        from kinerja.services.impor import rencana_frames

        if not self.frames:
            return False
        self.w_muat.disabled = True
        try:
            res = rencana_frames(self.store, self.frames, self.sources, ganti=self.w_ganti.value,
                                 timpa=self.w_timpa.value)
        except ValidationErrors as exc:
            return self._masalah(exc)
        except InputError as exc:
            self.w_hasil.value = ""
            self.pesan.salah(str(exc))
            return False
        self.rencana = res
        ws = getattr(res, "workspace", None)
        self.w_hasil.value = ("<div class='kn-kecil'>Berkas valid. Pratinjau rencana per unit:</div>"
                              + pratinjau_html(ws).data) if ws is not None else ""
        self.w_rencana.value = tabel_rencana(res)
        if not self.oleh:
            self.pesan.salah("Identitas pengguna tidak diketahui; data tidak dapat dimuat. Masuk (login) terlebih dahulu.")
            return False
        n_konflik = sum(v.get("konflik", 0) for v in res.perubahan.values())
        if res.kosong:
            self.pesan.info("Tidak ada perubahan: data sudah sama dengan isi basis data."
                            + (f" {n_konflik} isian yang disimpan penilai di aplikasi tidak akan diubah (konflik)."
                               if n_konflik else ""))
            return True
        self.w_muat.disabled = False
        teks = ("Berkas valid: " + ", ".join(sorted(self.frames)) + ". Periksa rencana di atas, lalu tekan "
                "'Muat ke basis data'.")
        if n_konflik:
            self.pesan.peringatan(teks + f" {n_konflik} isian yang disimpan penilai di aplikasi "
                                  + ("AKAN DITIMPA." if self.w_timpa.value else "tidak akan diubah (konflik)."))
        else:
            self.pesan.info(teks)
        return True

    def _masalah(self, exc: ValidationErrors) -> bool:
        self.w_hasil.value = tabel_masalah(exc)
        self.w_rencana.value = ""
        self.pesan.salah(f"Ditemukan {len(exc.errors)} masalah. Perbaiki berkas lalu unggah ulang; "
                         "tidak ada data yang dimuat.")
        return False

    def periksa_unggahan(self) -> None:
        files = [(f["name"], bytes(f["content"])) for f in self.w_upload.value]
        if files:
            self.periksa(files)

    def muat(self) -> bool:
        from kinerja.errors import AccessDenied, SaveFailed
        from kinerja.services.impor import impor_frames

        if not self.frames:
            return False
        try:
            res = impor_frames(self.store, self.frames, self.sources, oleh=self.oleh, ganti=self.w_ganti.value,
                               timpa=self.w_timpa.value)
        except ValidationErrors as exc:
            self.w_hasil.value = tabel_masalah(exc)
            self.pesan.salah("Tidak dimuat: data berubah sejak diperiksa dan kini tidak valid.")
            return False
        except (AccessDenied, SaveFailed) as exc:
            self.pesan.salah(str(exc))
            return False
        except Exception as exc:  # noqa: BLE001  e.g. database busy during an import
            from kinerja.store.lembar import pesan_gagal

            self.pesan.salah(pesan_gagal(exc))
            return False
        self.w_muat.disabled = True
        self.pesan.ok(res.ringkasan(), list(res.peringatan)[:20] or None)
        return True


def muat_rencana(store, oleh: str | None = None) -> W.Widget:
    return MuatRencana(store, oleh).widget
