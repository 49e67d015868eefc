"""Operator commands of `govqa` beyond asking: the unanswered-question list."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from index import GovqaError

from .qlog import QuestionLog
from .settings import Settings, SettingsError


def cmd_unanswered(args: argparse.Namespace) -> int:
    """List what residents asked that the reports did not answer (and 👎 answers), most asked first.

    Example: GOVQA_DATA=/var/lib/govqa govqa unanswered --limit 20
    """
    try:
        settings = Settings.from_env(require_token=False)
    except SettingsError as exc:
        raise GovqaError(str(exc)) from exc
    if not (settings.data / "questions.sqlite3").exists():
        print(f"no questions logged yet in {settings.data}")
        return 0
    qlog = QuestionLog(settings.data, settings.retention_days)
    try:
        rows = qlog.unanswered(args.limit)
    finally:
        qlog.close()
    for question, times, last in rows:
        print(f"{times:>4}×  {time.strftime('%Y-%m-%d', time.localtime(last))}  {question}")
    if not rows:
        print("no unanswered questions")
    return 0


def _unanswered_parser(command: argparse.ArgumentParser) -> None:
    command.add_argument("--limit", type=int, default=50, help="how many (default 50)")


COMMANDS: list[tuple[str, Callable[[argparse.Namespace], int], str, Callable[[argparse.ArgumentParser], None]]] = [
    ("unanswered", cmd_unanswered, "list questions the reports did not answer", _unanswered_parser),
]
