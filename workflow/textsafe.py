"""The one text-sanitising step every edition output goes through.

Characters that XML 1.0 cannot carry (C0 controls but tab and line ends, U+FFFE, U+FFFF,
lone surrogates) make an EPUB chapter fatal for reading systems (EPUBCheck RSC-016) and are
parse errors in HTML; C1 controls and DEL are invisible and never meant. They can arrive from
any untrusted text: a msgstr, a ui.po entry, an imported page, a title in workflow.toml.
They are removed from every value a template prints; `workflow check` reports them in catalogs
(workflow/checks/control.py). What is printed on a terminal is made safe by termsafe.py.
"""

from __future__ import annotations

import re

from markupsafe import Markup

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without characters an XML or HTML document cannot carry."""
    return NOT_XML.sub("", text) if NOT_XML.search(text) else text


def finalize(value: object) -> object:
    """Jinja's ``finalize``: every value a template prints passes here, markup kept as markup."""
    if type(value) is str:  # the common case first: templates print tens of thousands of values
        return clean_text(value)
    if isinstance(value, Markup):
        cleaned = clean_text(str(value))
        return value if cleaned == value else Markup(cleaned)
    if isinstance(value, str):
        return clean_text(value)
    return value
