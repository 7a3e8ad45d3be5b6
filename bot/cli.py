"""The `classbridge` command (also `python -m bot`)."""
from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.settings import Settings, SettingsError, load_settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="classbridge", description="ClassBridge (家校桥): a chat bot for class parent groups."
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("run", help="migrate the store, then run the bot, the HTTP app and the scheduler")
    database = commands.add_parser("db", help="schema migrations")
    db_commands = database.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_commands.add_parser("upgrade", help="upgrade the schema (default: to the newest revision)")
    upgrade.add_argument("revision", nargs="?", default="head")
    downgrade = db_commands.add_parser("downgrade", help="downgrade the schema to a revision ('base' empties it)")
    downgrade.add_argument("revision")
    db_commands.add_parser("current", help="show the schema revision")
    commands.add_parser("demo", help="seed a demo class for the sandbox")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"classbridge: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Every HTTP call and every scheduler run at INFO would drown what matters.
    for chatty in ("httpx", "apscheduler", "alembic.runtime.plugins", "telegram.ext.Application"):
        logging.getLogger(chatty).setLevel(max(logging.WARNING, logging.getLogger().level))
    if args.command == "db":
        return run_db_command(settings, args)
    if args.command == "demo":
        from bot import migrate
        from bot.demo import seed_demo

        migrate.upgrade(settings.database_url)  # Alembic runs its own event loop, so before ours
        asyncio.run(seed_demo(settings))
        return 0
    from bot.server import serve

    try:
        return serve(settings)
    except KeyboardInterrupt:
        # uvicorn has shut down cleanly and re-raises Ctrl-C; end as a shell expects, without a traceback.
        return 130


def run_db_command(settings: Settings, args) -> int:
    from bot import migrate

    if args.db_command == "upgrade":
        migrate.upgrade(settings.database_url, args.revision)
    elif args.db_command == "downgrade":
        migrate.downgrade(settings.database_url, args.revision)
    else:
        migrate.current(settings.database_url)
    return 0
