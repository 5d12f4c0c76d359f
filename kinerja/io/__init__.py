"""io layer: read, validate and write workspace files (CSV, XLSX), and the blank Excel template."""

from kinerja.io.files import Workspace, load_workspace, read_table, validate_frames, write_workspace  # noqa: F401
