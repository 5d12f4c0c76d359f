"""kinerja: guided toolkit for evaluating ASN performance (PermenPANRB 6/2022).

`import kinerja` stays light: it imports no matplotlib, ipywidgets or Jupyter machinery.
Submodules are imported where they are used, e.g. ``from kinerja import io``.
"""

__version__ = "0.1.0"

from kinerja.errors import InputError, ValidationErrors  # noqa: F401  (light, pure Python)
