"""cli layer: the ``kinerja`` command (argument parsing and printing; no logic)."""

from kinerja.cli.commands import main  # noqa: F401
