"""workflow: segment articles into gettext catalogs, pre-translate offline, publish editions."""

__version__ = "0.1.0"
