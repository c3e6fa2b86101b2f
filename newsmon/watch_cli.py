"""`newsmon watch …`: saved searches that alert staff about new coverage."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from typing import Annotated, Any

import typer

from newsmon import render
from newsmon.alerts.email import SendError, check_address
from newsmon.alerts.sender import alert_for, send
from newsmon.config import ConfigError, data_dir, store_url
from newsmon.errors import Terminal, friendly_errors
from newsmon.index import open_store
from newsmon.index.query import parse
from newsmon.index.watches import (
    Watch,
    WatchError,
    check_cadence,
    check_name,
    new_secret,
    utc_now,
)
from newsmon.urls import check_public_url

out = Terminal(soft_wrap=False)

watch_app = typer.Typer(
    help="Saved searches that tell you about new coverage, once.\n\n[bold]Examples[/]\n\n"
         "  newsmon watch add cantho 'unit:\"Cần Thơ\" has:award' --email tt@cantho.gov.vn\n\n"
         "  newsmon watch list\n\n  newsmon watch run          # from cron, after crawl\n\n"
         "  newsmon watch log",
    rich_markup_mode="rich", no_args_is_help=True)

StoreOption = Annotated[str | None, typer.Option(
    "--store", envvar="NEWSMON_STORE", show_envvar=True,
    help="Store URL (default: newsmon.db in the data directory).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for programs.")]
EmailOption = Annotated[list[str] | None, typer.Option(
    "--email", help="Send to this address (repeatable).")]
WebhookOption = Annotated[list[str] | None, typer.Option(
    "--webhook", help="POST signed JSON to this URL (repeatable).")]
NotifyOption = Annotated[list[str] | None, typer.Option(
    "--notify", help="Send through apprise to this service URL (repeatable): slack://…, "
    "msteams://…, tgram://BOT_TOKEN/CHAT_ID, json://host/path. Needs "
    "pip install 'newsmon\\[apprise]'.")]
EveryOption = Annotated[str | None, typer.Option(
    "--every", help="immediate (each run), daily or weekly digest.")]
CapOption = Annotated[int | None, typer.Option(
    "--cap", min=1, help="List at most this many stories per message, then 'và N bài khác'.")]
MaxPerDayOption = Annotated[int | None, typer.Option(
    "--max-per-day", min=1, help="List at most this many stories a day per destination; "
    "the rest are counted as 'và N bài khác' (and kept in the log), never dropped.")]
PrivateOption = Annotated[bool, typer.Option(
    "--allow-private", help="Allow webhooks on private or loopback addresses.")]


@contextmanager
def watch_store(store: str | None, *, must_exist: bool = True) -> Iterator[Any]:
    """The store, refusing a missing one (a mistyped --store is not 'no watches')
    and a backend without watches."""
    url = store_url(store)
    if must_exist:
        open_store(url, read_only=True).close()
    db = open_store(url)
    try:
        if not hasattr(db, "add_watch"):
            raise ConfigError(f"The store at {url} keeps no watches: give a sqlite:/// or "
                              "http(s):// (Elasticsearch) --store.")
        yield db
    finally:
        db.close()


def destinations(emails: list[str] | None, webhooks: list[str] | None,
                 allow_private: bool, notify: list[str] | None = None) -> list[str]:
    found = [f"email:{check_address(e)}" for e in emails or []]
    found += [f"webhook:{check_public_url(u, allow_private=allow_private)}"
              for u in webhooks or []]
    if notify:
        from newsmon.alerts.notify import check_notify_url

        found += [f"apprise:{check_notify_url(u, allow_private=allow_private)}" for u in notify]
    return found


@watch_app.command("add")
@friendly_errors
def add(
    name: Annotated[str, typer.Argument(help="A short name: letters, digits, . _ -")],
    query: Annotated[str, typer.Argument(help="A query, as for newsmon search.")],
    email: EmailOption = None, webhook: WebhookOption = None, notify: NotifyOption = None,
    every: EveryOption = None, cap: CapOption = None, max_per_day: MaxPerDayOption = None,
    allow_private: PrivateOption = False,
    backfill: Annotated[int, typer.Option(
        "--backfill", min=0, help="Also alert on articles published in the last DAYS.")] = 0,
    store: StoreOption = None, as_json: JsonOption = False,
) -> None:
    """Save a search that alerts on new matching articles (none from before now,
    unless --backfill). An Atom feed is written for every watch under the data
    directory (feeds/NAME.xml); the web UI serves it with the watch's token (see
    watch show). Reprints of one story go out as one entry; a reprint of a story
    already sent is not sent again.

    [bold]Examples[/]

      newsmon watch add cantho 'unit:"Cần Thơ"' --email tt@cantho.gov.vn
      newsmon watch add khen 'has:award campaign:"dân vận khéo"' --every daily --cap 20
      newsmon watch add tinh 'unit:"Nghệ An"' --email a@b.vn --max-per-day 5
      newsmon watch add hook 'Nghệ An' --webhook https://hooks.example.vn/newsmon
      newsmon watch add slack 'has:award' --notify 'slack://TokenA/TokenB/TokenC'
    """
    parse(query)
    watch = Watch(check_name(name), query, check_cadence(every or "immediate"),
                  destinations(email, webhook, allow_private, notify), cap, allow_private,
                  max_per_day=max_per_day)
    with watch_store(store, must_exist=False) as db:
        saved = db.add_watch(watch, backfill_days=backfill)
    _print_watch(saved, as_json, "Added")


@watch_app.command("edit")
@friendly_errors
def edit(
    name: Annotated[str, typer.Argument(help="The watch to change.")],
    query: Annotated[str | None, typer.Option("--query", help="A new query.")] = None,
    email: EmailOption = None, webhook: WebhookOption = None, notify: NotifyOption = None,
    every: EveryOption = None, cap: CapOption = None, max_per_day: MaxPerDayOption = None,
    allow_private: PrivateOption = False,
    new_token: Annotated[bool, typer.Option(
        "--new-token", help="Give the watch a new feed token (the old feed URL stops).")
    ] = False,
    store: StoreOption = None, as_json: JsonOption = False,
) -> None:
    """Change a watch. Destinations given replace all of them; its watermark stays,
    so nothing already seen alerts again.

    [bold]Examples[/]

      newsmon watch edit cantho --every weekly
      newsmon watch edit cantho --query 'unit:"Cần Thơ" has:award'
      newsmon watch edit cantho --max-per-day 10 --new-token
    """
    if query is not None:
        parse(query)
    with watch_store(store) as db:
        watch = db.get_watch(name)
        changes: dict[str, Any] = {}
        if query is not None:
            changes["query"] = query
        if every is not None:
            changes["cadence"] = check_cadence(every)
        if cap is not None:
            changes["cap"] = cap
        if max_per_day is not None:
            changes["max_per_day"] = max_per_day
        if new_token:
            changes["secret"] = new_secret()
        if email or webhook or notify:
            changes["destinations"] = destinations(email, webhook, allow_private, notify)
            changes["allow_private"] = allow_private
        saved = db.update_watch(replace(watch, **changes))
    _print_watch(saved, as_json, "Changed")


@watch_app.command("remove")
@friendly_errors
def remove(name: Annotated[str, typer.Argument(help="The watch to remove.")],
           store: StoreOption = None) -> None:
    """Remove a watch and its undelivered alerts (the delivery log stays).

    [bold]Example[/]

      newsmon watch remove cantho
    """
    with watch_store(store) as db:
        db.remove_watch(name)
    out.print(f"Removed {name}.", markup=False, highlight=False)


@watch_app.command("list")
@friendly_errors
def list_(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Every watch with its query, cadence, destinations and pending alerts.

    [bold]Example[/]

      newsmon watch list --json
    """
    with watch_store(store) as db:
        watches = db.watches()
        pending = {w.name: len(db.outbox(watch=w.name)) for w in watches}
    if as_json:
        render.emit_json([asdict(w) | {"pending": pending[w.name]} for w in watches])
        return
    if not watches:
        out.print("No watches. Add one with newsmon watch add NAME QUERY --email ADDR.",
                  markup=False, highlight=False)
    for w in watches:
        out.print(f"{w.name}  {w.query}  [{w.cadence}]  {', '.join(w.destinations) or '-'}"
                  f"  pending {pending[w.name]}", markup=False, highlight=False)


@watch_app.command("show")
@friendly_errors
def show(name: Annotated[str, typer.Argument(help="The watch to show.")],
         store: StoreOption = None, as_json: JsonOption = False) -> None:
    """A watch, its recent matches and deliveries, and its feed token (the web UI
    serves the watch's Atom feed to whoever has it).

    [bold]Example[/]

      newsmon watch show cantho
    """
    with watch_store(store) as db:
        watch = db.get_watch(name)
        matches = db.watch_matches(name, 20)
        titles = {h.id: h.title for h in db.watch_hits(name, [m[0] for m in matches])}
        log = db.deliveries(name, 20)
        pending = db.outbox(watch=name)
    if as_json:
        render.emit_json({**asdict(watch), "matches": [
            {"article_id": a, "title": titles.get(a, ""), "matched_at": t} for a, t in matches],
            "pending": [asdict(r) for r in pending],
            "deliveries": [asdict(d) for d in log]})
        return
    _print_watch(watch, False, None)
    out.print(f"Matches ({len(matches)} most recent):", markup=False, highlight=False)
    for article_id, at in matches:
        out.print(f"  {at[:19]}  {titles.get(article_id, article_id)}", markup=False,
                  highlight=False)
    out.print(f"Pending: {len(pending)}", markup=False, highlight=False)
    _print_log(log)


@watch_app.command("run")
@friendly_errors
def run(store: StoreOption = None, no_send: Annotated[bool, typer.Option(
            "--no-send", help="Match only; leave the alerts in the outbox.")] = False,
        as_json: JsonOption = False) -> None:
    """Match every watch on the articles analysed since its last run, send what is
    due, and rewrite the Atom feeds. newsmon crawl does this after analysis; run it
    from cron to retry failed sends and send digests.

    Exit code 5: a delivery failed (its alerts stay pending and are retried).

    [bold]Examples[/]

      newsmon watch run
      NEWSMON_SMTP_HOST=smtp.example.vn newsmon watch run --json
    """
    from newsmon.watching import run_watches

    with watch_store(store) as db:
        report = run_watches(db, data_dir(), send=not no_send)
    if as_json:
        render.emit_json(report.to_dict())
    else:
        for name, n in sorted(report.matched.items()):
            out.print(f"{name}: {n} new", markup=False, highlight=False)
        _print_log(report.deliveries)
    if report.failed:
        raise typer.Exit(5)


@watch_app.command("test")
@friendly_errors
def test(name: Annotated[str, typer.Argument(help="The watch to try.")],
         store: StoreOption = None) -> None:
    """Send a sample alert now (its latest matches, or the latest search hits) to
    every destination of a watch; the outbox is left alone.

    [bold]Example[/]

      newsmon watch test cantho
    """
    with watch_store(store) as db:
        watch = db.get_watch(name)
        if not watch.destinations:
            raise WatchError(f"{name} has no destination: add one with newsmon watch edit "
                             f"{name} --email ADDR.", code="no_destination", name=name)
        ids = [a for a, _ in db.watch_matches(name, 3)] or [
            h.id for h in db.search(parse(watch.query), limit=3, order="date").hits]
        alert = alert_for(db, watch, ids)
        failed = False
        for destination in watch.destinations:
            key = f"test|{name}|{destination}|{utc_now().isoformat()}"
            try:
                answer = send(destination, alert, key, watch)
                out.print(f"sent   {destination}: {answer}", markup=False, highlight=False)
            except SendError as exc:
                failed = True
                out.print(f"FAILED {destination}: {exc}", markup=False, highlight=False)
    if failed:
        raise typer.Exit(5)


@watch_app.command("log")
@friendly_errors
def log(name: Annotated[str | None, typer.Argument(help="Only this watch.")] = None,
        limit: Annotated[int, typer.Option(min=1, help="How many, newest first.")] = 50,
        store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Every delivery with the destination's answer (SMTP reply, HTTP status).

    [bold]Examples[/]

      newsmon watch log
      newsmon watch log cantho --json
    """
    with watch_store(store) as db:
        if name:
            db.get_watch(name)
        entries = db.deliveries(name, limit)
    if as_json:
        render.emit_json([asdict(d) for d in entries])
    else:
        _print_log(entries)


def _print_watch(w: Watch, as_json: bool, verb: str | None) -> None:
    if as_json:
        render.emit_json(asdict(w))
        return
    lines = [f"{verb} watch {w.name}." if verb else f"Watch {w.name}",
             f"  query:        {w.query}", f"  every:        {w.cadence}",
             f"  destinations: {', '.join(w.destinations) or '- (Atom feed only)'}"]
    if w.cap:
        lines.append(f"  cap:          {w.cap}")
    if w.max_per_day:
        lines.append(f"  max per day:  {w.max_per_day}")
    if w.secret:
        lines.append(f"  feed token:   {w.secret}")
    for line in lines:
        out.print(line, markup=False, highlight=False)


def _print_log(entries: list) -> None:
    for d in entries:
        state = ("folded" if d.response.startswith("folded") else "sent  ") if d.ok else "FAILED"
        out.print(f"{d.at[:19]}  {state}  {d.watch} → {d.destination}  {d.articles} bài  "
                  f"{d.response}", markup=False, highlight=False)
