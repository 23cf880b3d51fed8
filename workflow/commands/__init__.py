"""Command groups beyond the catalog stages; each module registers its commands on ``cli.app``."""

from . import mt  # noqa: F401
from . import editions  # noqa: F401
