"""The form's CSS (desktop grid; on phones every indikator and BerAKHLAK value is a stacked card)."""

from __future__ import annotations

from kinerja.ui import common

FORM_CSS = """
<style>
.kf-jenis { font-weight: 700; color: #16375f; text-transform: uppercase; letter-spacing: .04em; font-size: 12px;
            margin: 10px 0 2px 0; border-bottom: 2px solid #c9d7ea; padding-bottom: 2px; }
.kf-rhk { background: #f5f8fc; border-left: 3px solid #23558f; padding: 5px 10px; margin: 8px 0 2px 0; font-size: 13.5px; }
.kf-ind { font-size: 13px; line-height: 1.3; }
.kf-cap { font-weight: 700; color: #16375f; }
.kf-nilai ul { margin: 2px 0 0 16px; padding: 0; color: #5b6775; font-size: 12px; line-height: 1.35; }
.kf-nilai b { color: #16375f; }
.kf-pegawai { padding: 4px 2px 10px 2px; }
.kf-nama { font-size: 18px; font-weight: 600; color: #16375f; }
.kf-predikat-box { text-align: center; border: 1px solid #dde3ea; border-radius: 10px; padding: 8px 18px; background: #f8fafc;
                   width: 280px; }
.kf-predikat-nilai { font-size: 22px; font-weight: 700; color: #16375f; margin: 2px 0; }
.kf-kuadran svg { width: 300px; max-width: 100%; height: auto; }
.kf-kurva-pesan { margin: 0 0 0 16px; color: #7a5600; font-size: 12.5px; }
.kf-usulan-360 { margin: 8px 0 4px 0; padding: 6px 10px; background: #f5f8fc; border-left: 3px solid #23558f;
                 border-radius: 4px; font-size: 13px; line-height: 1.45; }
.kf-360-catatan { margin: 4px 0 0 16px; padding: 0; color: #6b4e00; font-size: 12px; }
.kf-360-nilai { display: inline-block; margin: 3px 0 0 2px; white-space: nowrap; }
.kf-tabel-360 td:nth-child(n+2), .kf-tabel-360 th:nth-child(n+2) { text-align: center; }
.kf-tabel-usulan td { line-height: 1.35; }
.kf-app .kn-badge { white-space: nowrap; }
.kf-app .widget-toggle-buttons .widget-toggle-button { font-size: 12.5px; }
.kf-app textarea, .kf-app input[type=text] { font-family: inherit; font-size: 13px; box-sizing: border-box; }
.kf-app textarea { width: 100%; resize: vertical; line-height: 1.4; }
.kf-app .widget-text, .kf-app .widget-textarea { max-width: calc(100% - 4px); }
.kf-label-hp { display: none; }
.kf-bawah-dd { margin: 4px 0 0 98px; }
.kf-ind-baris { border-bottom: 1px solid #eef1f5; padding: 3px 0; }
.kf-ind, .kf-nilai, .kf-rhk, .kf-app .widget-html-content { overflow-wrap: break-word; white-space: normal; }
.kf-hp-saja { display: none; }
.kf-unit-kartu { border: 1px solid #dde3ea; border-radius: 8px; padding: 8px 10px; margin: 6px 0; font-size: 13px; }
.kf-unit-kartu .kf-unit-nama { font-weight: 600; color: #16375f; }
.kf-unit-jumlah { width: 100%; border-collapse: collapse; margin: 6px 0; line-height: 1.3; }
.kf-unit-jumlah td { padding: 2px 0; border-bottom: 1px solid #f0f2f5; color: #33475b; }
.kf-unit-jumlah td.kf-angka { text-align: right; font-weight: 600; }
.kf-app .widget-dropdown select { min-width: 0; text-overflow: ellipsis; }
.kf-app .widget-dropdown > .widget-label { flex-shrink: 0; }
.kf-predikat-box { max-width: 100%; box-sizing: border-box; }
/* phones: every indikator and BerAKHLAK value is a stacked card; nothing scrolls sideways */
@media (max-width: 720px) {
  .kn-app .kn-bagian { padding: 8px 10px 10px 10px; }
  .kn-app .kn-header h1 { font-size: 18px; }
  .kf-kepala-kolom { display: none !important; }
  .kf-label-hp { display: block; }
  .kf-label-hp .widget-html-content, .kf-label-hp span { font-size: 11.5px; color: #5b6775; font-weight: 600; line-height: 1.2; }
  .kf-bawah-dd { margin-left: 0; }
  .kf-ind-baris { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) !important; grid-gap: 4px 10px !important;
                  border: 1px solid #dde3ea; border-radius: 8px; padding: 8px 10px !important; margin: 6px 0;
                  background: #fff; align-items: start !important; }
  .kf-ind-baris > :nth-child(1), .kf-ind-baris > :nth-child(4), .kf-ind-baris > :nth-child(5) { grid-column: 1 / -1; }
  .kf-nilai-baris { grid-template-columns: minmax(0, 1fr) !important; border: 1px solid #dde3ea; border-radius: 8px;
                    padding: 8px 10px !important; margin: 6px 0; }
  .kf-app .kf-rating { width: 100%; }
  .kf-app .kf-rating .widget-toggle-button { flex: 1 1 0; min-width: 0; width: auto !important; min-height: 40px; }
  .kf-app .widget-text input, .kf-app .widget-dropdown select { min-height: 38px; font-size: 16px; }
  .kf-app .kf-penilai, .kf-app .kf-bawahan, .kf-app .kf-periode, .kf-app .kf-final-hk, .kf-app .kf-final-pk {
      width: calc(100% - 4px) !important; flex-wrap: wrap; height: auto !important; }
  .kf-app .kf-penilai > .widget-label, .kf-app .kf-bawahan > .widget-label, .kf-app .kf-periode > .widget-label,
  .kf-app .kf-final-hk > .widget-label, .kf-app .kf-final-pk > .widget-label {
      width: 100% !important; text-align: left; margin-bottom: 2px; }
  .kf-app .kf-penilai select, .kf-app .kf-bawahan select, .kf-app .kf-periode select, .kf-app .kf-final-hk select,
  .kf-app .kf-final-pk select { flex: 1 1 100%; width: 100%; }
  .kf-rhk-kepala { flex-wrap: wrap !important; }
  .kf-rhk-kepala > :first-child { flex: 1 1 100% !important; }
  .kf-akhir-kiri { min-width: 0 !important; flex: 1 1 100% !important; }
  .kf-akhir-kanan { width: 100% !important; }
  .kf-app .kf-pakai-usulan { min-height: 40px; }
  .kf-app .kf-simpan, .kf-app .kf-muat-ulang { min-height: 44px; }
  .kf-app .kn-tabel { font-size: 12px; }
  .kf-app .kn-tabel th, .kf-app .kn-tabel td { padding: 4px 4px; overflow-wrap: break-word; }
  .kf-app .kf-tabel-360 th { font-size: 11px; }
  .kf-layar-lebar { display: none !important; }
  .kf-hp-saja { display: block; }
  .kf-app .widget-textarea { width: calc(100% - 4px) !important; }
  .kf-app .kf-periode { max-width: 100% !important; }
  .kf-app .kf-rating > .widget-toggle-button, .kf-app .kf-rating .widget-toggle-button { flex: 1 1 0 !important; }
  .kf-app .kf-rating > div:not(.widget-label) { display: flex; flex: 1 1 auto; }
  .kn-kuadran table { width: 100%; }
}
</style>
"""
common.CSS = common.CSS + FORM_CSS if FORM_CSS not in common.CSS else common.CSS
