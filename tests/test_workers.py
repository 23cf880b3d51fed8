"""A piece of work beside the caller, in a forked child."""

from __future__ import annotations

import os

import pytest

from workflow.workers import forked


def test_the_child_returns_its_result_and_changes_nothing_here() -> None:
    seen: list[int] = []

    def work() -> tuple[int, int]:
        seen.append(1)  # the child's copy of the list
        return os.getpid(), 42

    result = forked(work)
    seen.append(2)
    found = result()
    assert found is not None and found[1] == 42 and found[0] != os.getpid()
    assert seen == [2]


@pytest.mark.parametrize("failure", [ValueError("no"), KeyboardInterrupt(), SystemExit(3)])
def test_a_child_that_fails_returns_none_and_prints_nothing(
    failure: BaseException, capfd: pytest.CaptureFixture[str]
) -> None:
    def work() -> int:
        raise failure

    assert forked(work)() is None
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_a_large_result_comes_back_whole() -> None:
    big = [f"/a/path/{number}" for number in range(200_000)]  # far more than a pipe holds at once
    assert forked(lambda: big)() == big
