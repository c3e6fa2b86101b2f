"""Whether an exception is a Ctrl-C in disguise.

Python wraps what a class body's descriptors raise while the class is made
(`__set_name__`, as every dataclass field has) in a RuntimeError: a Ctrl-C that
lands while a module defines a dataclass reaches us as that RuntimeError, with
the KeyboardInterrupt as its cause. Such an error must end as quietly as a
plain Ctrl-C. This module imports nothing, so `__main__` can use it before the
CLI's imports.
"""

from __future__ import annotations


def from_ctrl_c(exc: BaseException | None) -> bool:
    """True if `exc` is a KeyboardInterrupt or was raised because of one."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False
