"""Command groups beyond the catalog stages; each module registers its commands on ``cli.app``."""

from . import (
    editions,  # noqa: F401
    mt,  # noqa: F401
    qa,  # noqa: F401
)
