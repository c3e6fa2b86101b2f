"""`newsmon serve` (the web interface) and `newsmon user …` (its accounts).

FastAPI and uvicorn are imported only when serving, so the other commands
start as fast as before."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsmon import render
from newsmon.config import ConfigError, data_dir, store_url
from newsmon.errors import Terminal, friendly_errors
from newsmon.redact import masked
from newsmon.web.users import ROLES, add_user, check_role, list_users, remove_user

out = Terminal(soft_wrap=False)


@friendly_errors
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8080,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            envvar="NEWSMON_STORE",
            show_envvar=True,
            help="Store URL (default: newsmon.db in the data directory).",
        ),
    ] = None,
    sources_file: Annotated[
        Path | None,
        typer.Option("--sources", envvar="NEWSMON_SOURCES", help="Sources file (TOML)."),
    ] = None,
) -> None:
    """Start the web interface (Vietnamese): search, articles, award figures,
    watches and sources, over the same store as the other commands. Log in with
    an account made by newsmon user add.

    [bold]Examples[/]

      newsmon user add lan --role editor      # first, once
      newsmon serve                           # then open http://127.0.0.1:8080/
      newsmon serve --port 9000 --store sqlite:////srv/newsmon.db
    """
    import uvicorn

    from newsmon.index import StoreError, open_store
    from newsmon.web.app import create_app

    url = store_url(store)
    open_store(url, read_only=True).close()  # a missing store is an error now, not per page
    # Pages read the store read-only: bring one an older release wrote up to date now.
    # A store this account may only read is served as it is (slower facets).
    with contextlib.suppress(StoreError):
        open_store(url).close()
    where = data_dir()
    if not list_users(where):
        raise ConfigError(
            f"No user can log in yet: add one first with newsmon user add NAME "
            f"--role admin (users are kept in {where / 'users.json'})."
        )
    app = create_app(url, where, sources_file=sources_file)
    out.print(
        f"newsmon: http://{host}:{port}/ over {masked(url)} (Ctrl-C stops)",
        markup=False,
        highlight=False,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


user_app = typer.Typer(
    help="Accounts of the web interface (newsmon serve), kept in users.json in the data "
    "directory.\n\n[bold]Examples[/]\n\n  newsmon user add lan --role editor\n\n"
    "  newsmon user list\n\n  newsmon user remove lan",
    rich_markup_mode="rich",
    no_args_is_help=True,
)


@user_app.command("add")
@friendly_errors
def user_add(
    name: Annotated[str, typer.Argument(help="Login name: letters, digits, . _ @ -")],
    role: Annotated[
        str,
        typer.Option(
            help=f"{', '.join(ROLES)}: viewers read; editors also manage watches and sources."
        ),
    ] = "viewer",
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from standard input (scripts)."),
    ] = False,
) -> None:
    """Add a user of the web interface, or set a user's password and role.
    The password (8 characters or more) is asked twice, or read from stdin; it
    is stored hashed with Argon2.

    [bold]Examples[/]

      newsmon user add lan --role editor
      echo "$PASSWORD" | newsmon user add bot --role viewer --password-stdin
    """
    check_role(role)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    user = add_user(data_dir(), name, password, role)
    out.print(
        f"User {user.name} ({user.role}) saved in {data_dir() / 'users.json'}.",
        markup=False,
        highlight=False,
    )


@user_app.command("list")
@friendly_errors
def user_list(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Every user and role.

    [bold]Example[/]

      newsmon user list --json
    """
    users = list_users(data_dir())
    if as_json:
        render.emit_json([{"name": u.name, "role": u.role} for u in users])
        return
    if not users:
        out.print("No user yet: newsmon user add NAME --role admin.", markup=False, highlight=False)
    for u in users:
        out.print(f"{u.name}  {u.role}", markup=False, highlight=False)


@user_app.command("remove")
@friendly_errors
def user_remove(name: Annotated[str, typer.Argument(help="The user to remove.")]) -> None:
    """Remove a user; their open sessions end at their next page.

    [bold]Example[/]

      newsmon user remove lan
    """
    remove_user(data_dir(), name)
    out.print(f"Removed {name}.", markup=False, highlight=False)
