"""Saving the form: check every field, then one transaction through the service layer (optimistic
concurrency: a sheet saved by someone else since it was loaded is refused with a message)."""

from __future__ import annotations

import html

from kinerja.errors import AccessDenied, SaveFailed, StaleEditError, ValidationErrors
from kinerja.ui import common
from kinerja.ui.form.aturan import STATUS_LABEL, periksa


class SimpanMixin:
    """The saving half of :class:`kinerja.ui.form.app.FormPenilaian`."""


    def periksa(self) -> dict:
        err = periksa({k: w.value for k, w in self.w_real.items()}, self._nilai_perilaku(),
                      self.w_final_hk.value or None, self.w_final_pk.value or None, self.w_alasan.value,
                      getattr(self, "usulan_hk", None), getattr(self, "usulan_pk", None), self.target)
        for key, w in self.w_err.items():
            msg = err.get(("realisasi",) + key)
            w.value = f"<span class='kn-salah-inline'>{html.escape(msg)}</span>" if msg else ""
        for a, w in self.w_per_err.items():
            msg = err.get(("perilaku", a))
            w.value = f"<span class='kn-salah-inline'>{html.escape(msg)}</span>" if msg else ""
        for k, w in (("rating_hasil_kerja", self.w_err_hk), ("rating_perilaku", self.w_err_pk), ("alasan", self.w_err_alasan)):
            msg = err.get(k)
            w.value = f"<span class='kn-salah-inline'>{html.escape(msg)}</span>" if msg else ""
        return err

    def simpan(self) -> bool:
        """Validate, then save in one transaction. Returns True when saved."""
        if self.lembar is None:
            return False
        err = self.periksa()
        if err:
            self.pesan.salah(f"Belum disimpan: {len(err)} isian perlu diperbaiki (ditandai merah).",
                             [self.nama_field(k) + ": " + v for k, v in list(err.items())[:8]])
            return False
        from kinerja.services.penilaian import simpan_penilaian

        lb = self.lembar
        realisasi = [{"rhk_id": k[0], "iki_id": k[1], "realisasi": w.value,
                      "bukti": self.w_bukti[k].value, "umpan_balik": self.w_ub[k].value} for k, w in self.w_real.items()]
        perilaku = [{"aspek": a, "rating": r, "catatan": c} for a, (r, c) in self._nilai_perilaku().items()]
        penilaian = {"rating_hasil_kerja": self.w_final_hk.value or None, "rating_perilaku": self.w_final_pk.value or None,
                     "alasan": self.w_alasan.value.strip(), "catatan": self.w_rekom.value.strip()}
        try:
            versi = simpan_penilaian(self.store, self.penilai, lb.pegawai["nip"], lb.periode, lb.versi,
                                     realisasi=realisasi, perilaku=perilaku, penilaian=penilaian,
                                     oleh=getattr(self, "oleh", None), scheme=self.scheme, cfg=self.cfg)
        except (StaleEditError, SaveFailed) as exc:  # the typed values stay in the widgets
            self.pesan.salah(str(exc))
            return False
        except (ValidationErrors, AccessDenied) as exc:
            detail = [str(e) for e in getattr(exc, "errors", [])]
            self.pesan.salah("Tidak disimpan: " + (str(exc).splitlines()[0] if not detail else "data tidak valid."), detail)
            return False
        lb.versi = versi
        import datetime as dt

        nip = lb.pegawai["nip"]
        self.muat_bawahan_status(nip)
        self.pesan.ok(f"Tersimpan pukul {dt.datetime.now():%H:%M:%S} (versi {versi}). "
                      f"Predikat: {self.predikat or '–'}.")
        self.muat_unit(latar=True)
        return True

    def muat_bawahan_status(self, nip: str) -> None:
        """Refresh statuses after a save without reloading the sheet."""
        b = self.store.bawahan(self.penilai, self.w_periode.value)
        changed = not b["status"].reset_index(drop=True).equals(self.bawahan["status"].reset_index(drop=True)) if len(b) == len(self.bawahan) else True
        self.bawahan = b
        if changed:  # re-sending hundreds of options costs a visible moment: only when a status changed
            self._sibuk = True
            try:
                self.w_bawahan.options = [(f"{r.nama} — {r.jabatan} · {STATUS_LABEL[r.status]}", r.nip)
                                          for r in b.itertuples()]
                self.w_bawahan.value = nip
            finally:
                self._sibuk = False
        st = b.set_index("nip")["status"].get(nip, "belum")
        p = self.lembar.pegawai
        self.w_info.value = self.w_info.value.split("</span> ", 1)[0] + "</span> " + \
            common.badge(st, STATUS_LABEL[st]) + "<br>" + self.w_info.value.split("<br>", 1)[1]
        n = b["status"].value_counts()
        self.w_status.value = ("<div class='kn-kecil kf-bawah-dd'>"
                               + " &nbsp; ".join(common.badge(s, f"{STATUS_LABEL[s]}: {int(n.get(s, 0))}")
                                                 for s in ("belum", "sebagian", "selesai"))
                               + f" &nbsp; dari {len(b)} bawahan</div>")
        del p
