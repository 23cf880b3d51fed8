"""What every bench does before its clock starts."""

from __future__ import annotations

from pathlib import Path


def compile_workflow() -> None:
    """Compile workflow's bytecode before the clock starts, as installing a package with pip does.

    The peers (Translate Toolkit, Sphinx) run from bytecode pip compiled. An editable install of workflow has none
    of its own, and where PYTHONDONTWRITEBYTECODE is set (as in some CI and sandboxes) each
    command would compile every module it imports again: 60 ms a command, no tool's real cost.
    """
    import compileall

    import workflow

    compileall.compile_dir(Path(workflow.__file__).parent, quiet=2)
