"""How the CLI ends when something goes wrong: one plain line on stderr and an
exit code, never a traceback.

Messages are printed as plain text, never as Rich markup, because they quote
what the user typed (a query, a path, a URL) and a `[/x]` in it must be shown,
not interpreted. Ctrl-C ends with "Interrupted" and 130 at any stage, and a
reader that closed the pipe (`newsmon search x | head`) ends it quietly.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click
import typer
from rich.console import Console
from rich.text import Text

from newsmon.config import ConfigError
from newsmon.index import StoreError
from newsmon.index.query import QueryError
from newsmon.index.watches import WatchError
from newsmon.interrupts import from_ctrl_c
from newsmon.redact import masked

#: The shell's code for a command stopped by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130
#: The shell's code for a command whose reader went away (128 + SIGPIPE), as
#: `yes | head` reports it.
EXIT_BROKEN_PIPE = 141

F = TypeVar("F", bound=Callable[..., Any])


class Terminal(Console):
    """A Rich console whose closed pipe ends the command like any other closed
    pipe here (Rich's own choice is exit 1, which reads as a failure)."""

    def on_broken_pipe(self) -> None:
        pipe_closed()


err = Terminal(stderr=True)


def say(label: str, message: str, style: str = "red bold") -> None:
    """`label` styled, then `message` exactly as given (no markup, no highlighting)."""
    err.print(Text.assemble((label, style), " ", masked(message)), highlight=False,
              soft_wrap=True)


def interrupted() -> NoReturn:
    """Ctrl-C: say so in one line and exit 130."""
    say("Interrupted.", "What was stored so far is kept; run the same command again to "
        "continue.", style="yellow bold")
    sys.exit(EXIT_INTERRUPTED)


def pipe_closed() -> NoReturn:
    """The reader of our output went away: stop quietly, as `yes | head` does.
    Output still buffered would fail again at exit, so it goes to /dev/null."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a stream with no file
            os.dup2(devnull, stream.fileno())
    sys.exit(EXIT_BROKEN_PIPE)


def friendly_errors(fn: F) -> F:
    """Turn the errors a user can fix into one clear message and an exit code,
    never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except QueryError as exc:
            err.print(Text("Cannot read the query:", style="red bold"))
            err.print(exc.pointer(), markup=False, highlight=False)
            err.print("See newsmon search --help for the query language.", markup=False,
                      highlight=False)
            raise typer.Exit(2) from None
        except (StoreError, ConfigError, WatchError) as exc:
            say("Error:", str(exc))
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            interrupted()
        except BrokenPipeError:
            pipe_closed()
        except (typer.Exit, typer.Abort, click.exceptions.ClickException):
            raise
        except Exception as exc:
            if from_ctrl_c(exc):  # a Ctrl-C while a module was defining a class
                interrupted()
            if os.environ.get("NEWSMON_DEBUG"):
                raise
            say("Unexpected error:", f"{type(exc).__name__}: {exc}\nThis is a bug in newsmon. "
                "Nothing stored so far is lost. Run again with NEWSMON_DEBUG=1 for the "
                "details and report them.")
            raise typer.Exit(70) from None

    return wrapper  # type: ignore[return-value]


def bad_arguments(argv: list[str]) -> str | None:
    """A message for command-line arguments that are not valid text (bytes that
    are not UTF-8 arrive as lone surrogates), else None."""
    for number, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            return (f"argument {number} ({shown!r}) is not valid UTF-8; type it again, or "
                    "set the terminal to UTF-8 (e.g. LANG=C.UTF-8).")
    return None


def run(app: Callable[[], Any]) -> NoReturn:
    """Run the Typer app as the `newsmon` command, with the endings above for
    what happens outside any command (argument checks, the final flush)."""
    problem = bad_arguments(sys.argv[1:])
    if problem:
        say("Error:", problem)
        sys.exit(2)
    code: Any = 0
    try:
        try:
            app()
        except SystemExit as exc:
            code = exc.code
        sys.stdout.flush()
    except BrokenPipeError:
        pipe_closed()
    except KeyboardInterrupt:
        interrupted()
    except Exception as exc:
        if not from_ctrl_c(exc):  # a Ctrl-C while a lazy import defined a class
            raise
        interrupted()
    # Done, and the code is decided: a Ctrl-C now would land in the
    # interpreter's teardown, which no longer turns it into KeyboardInterrupt.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(code)
