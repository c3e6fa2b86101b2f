"""`python -m newsmon` and the `newsmon` command.

The CLI module imports Scrapy, spaCy and the store, which takes a moment; a
Ctrl-C during those imports must end as quietly as one during a command.
"""

import os
import sys


def main() -> None:
    from newsmon.interrupts import from_ctrl_c

    try:
        from newsmon.cli import main as cli_main
    except BaseException as exc:
        if not from_ctrl_c(exc):
            raise
        sys.stderr.write("Interrupted.\n")
        sys.stderr.flush()
        # Nothing has run yet; skipping the teardown of half-imported modules
        # also skips a second, uncaught interrupt while they are torn down.
        os._exit(130)
    cli_main()


if __name__ == "__main__":
    main()
