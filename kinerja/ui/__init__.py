"""Widget apps (ipywidgets). Import the submodules where widgets are wanted; this package itself
imports nothing heavy, so ``import kinerja.ui`` stays cheap.

* :mod:`kinerja.ui.common`  shared helpers: header, message area, periode dropdown, styles, identity
* :mod:`kinerja.ui.form`    the evaluator form (notebook 02)
* :mod:`kinerja.ui.muat`    plan loading with validation (notebook 01)
"""


def evaluator_form(store, **kw):
    """The evaluator form's top widget (see :class:`kinerja.ui.form.FormPenilaian`)."""
    from kinerja.ui.form import form_penilaian

    return form_penilaian(store, **kw)
