"""Ship ``templates/`` and ``notebooks/`` inside the wheel as ``kinerja/_data/`` (issue 9, point 5).

They stay at the top of the repository (the design card's layout); an editable install reads them
there (:func:`kinerja.domain.resources.resource_dir`). Everything else is in ``pyproject.toml``.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA = ("templates", "notebooks")
SKIP = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pyc")


class BuildWithData(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in DATA:
            dst = Path(self.build_lib) / "kinerja" / "_data" / name
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(Path(__file__).parent / name, dst, ignore=SKIP)


setup(cmdclass={"build_py": BuildWithData})
