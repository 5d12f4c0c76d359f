"""dataset layer: pandas frames for one periode, from the store (or the files before ``kinerja init``)."""

from kinerja.dataset.frames import PeriodeData, build_periode_data, subset  # noqa: F401
from kinerja.dataset.workspace import open_workspace  # noqa: F401
