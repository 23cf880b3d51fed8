"""Command groups beyond the catalog stages; each module registers its commands on ``cli.app``."""
