"""A Ctrl-C that Python hands over wrapped in another exception is still a Ctrl-C."""

from __future__ import annotations

import pytest

from newsmon.interrupts import from_ctrl_c


class _Interrupts:
    def __set_name__(self, owner: type, name: str) -> None:
        raise KeyboardInterrupt  # as if Ctrl-C landed while the class was made


def test_a_ctrl_c_while_a_class_is_made_arrives_as_a_runtime_error_and_is_known():
    with pytest.raises(RuntimeError) as caught:

        class Source:  # noqa: F841 - made only to raise
            start_urls = _Interrupts()

    assert not isinstance(caught.value, KeyboardInterrupt)
    assert from_ctrl_c(caught.value)


def test_other_errors_are_not_ctrl_c():
    try:
        try:
            raise ValueError("a real bug")
        except ValueError as inner:
            raise RuntimeError("while handling it") from inner
    except RuntimeError as exc:
        assert not from_ctrl_c(exc)
    assert from_ctrl_c(KeyboardInterrupt())
    assert not from_ctrl_c(None)


def test_a_cycle_of_causes_ends():
    first, second = RuntimeError("a"), RuntimeError("b")
    first.__cause__, second.__cause__ = second, first
    assert not from_ctrl_c(first)
