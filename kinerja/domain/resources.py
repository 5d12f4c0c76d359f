"""Where the shipped non-code files are: ``templates/`` and ``notebooks/``.

In a checkout (and an editable install) they sit at the top of the repository, beside the package.
A wheel carries them inside the package as ``kinerja/_data/templates`` and ``kinerja/_data/notebooks``
(``[tool.setuptools.package-dir]`` in ``pyproject.toml``), so ``pip install kinerja`` serves the app
and renders reports without a checkout.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def resource_dir(name: str) -> Path:
    """The folder ``templates`` or ``notebooks``: inside the installed package, else the checkout's."""
    inside = PACKAGE_DIR / "_data" / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name
