"""Where scoring runs: in this process (``local``, optionally with ``--jobs``) or on a Dask
cluster (``dask``, the ``framing[dask]`` extra).

The engines give the same records in the same order; :mod:`framing.engines.dask_engine` is
imported only when the dask engine is chosen, so dask stays an optional dependency.
"""

from __future__ import annotations

from enum import StrEnum
from types import ModuleType

from framing.errors import MissingDependencyError

__all__ = ["DASK_INSTALL_HINT", "Engine", "load_dask"]

DASK_INSTALL_HINT = "the dask engine needs `pip install 'framing[dask]'`"


class Engine(StrEnum):
    """The ``--engine`` choices."""

    local = "local"
    dask = "dask"


def load_dask() -> ModuleType:
    """Import the dask engine module, or explain how to install the extra.

    Raises:
        MissingDependencyError: dask or distributed is not installed.
    """
    try:
        import dask  # noqa: F401  (the test is the import itself)
        import distributed  # noqa: F401
    except ImportError as exc:
        raise MissingDependencyError(f"{DASK_INSTALL_HINT} ({exc.name or 'dask'} is missing)"
                                     ) from exc
    from framing.engines import dask_engine

    return dask_engine
