"""Operator commands of `govqa` beyond asking: checking a deployment, the unanswered-question list."""

from __future__ import annotations

import argparse
import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

from index import GovqaError, IndexCorrupt, IndexMismatch, IndexMissing, ReportError, Tokenizer, corpus_files, read_report
from index.store import load_index

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


def _writable(folder: Path) -> bool:
    probe = folder
    while not probe.exists():
        probe = probe.parent
    return os.access(probe, os.W_OK)


def cmd_check(args: argparse.Namespace) -> int:
    """Check the settings, the corpus and the index without contacting Telegram, and say what was found.

    Example: govqa check
    Exit 0 when the bot can start and serves an up-to-date index, 1 when something needs fixing
    (each problem is one line starting with ✗).
    """
    problems: list[str] = []

    def ok(text: str) -> None:
        print(f"✓ {text}")

    def bad(text: str) -> None:
        problems.append(text)
        print(f"✗ {text}")

    try:
        settings = Settings.from_env(require_token=False)
    except SettingsError as exc:
        bad(f"settings: {exc}")
        return 1
    if settings.token:
        ok("TELEGRAM_BOT_TOKEN is set (not shown)")
    else:
        bad("TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)")
    if settings.admin_ids:
        ok(f"admins configured: {len(settings.admin_ids)}")
    else:
        print("! no admins configured (GOVQA_ADMIN_IDS): reports can be added only on the server")
    where = f"webhook at {settings.webhook_url}, listening on {settings.listen}:{settings.port}" if settings.webhook_url else "long polling"
    ok(f"mode: {where}; health endpoint port {settings.health_port or 'off'}")
    api = settings.base_url or "api.telegram.org"
    ok(f"Bot API: {api}" + (f" through proxy {settings.proxy.split('@')[-1]}" if settings.proxy else ""))

    try:
        files = corpus_files(settings.corpus)
    except GovqaError as exc:
        bad(f"corpus: {exc}")
        files = []
    readable: dict[str, str] = {}
    for doc, path in files:
        try:
            readable[doc] = hashlib.sha256(read_report(path, doc).text.encode("utf-8")).hexdigest()
        except ReportError as exc:
            bad(f"corpus: {exc} (it will be skipped)")
    if files:
        ok(f"corpus {settings.corpus}: {len(files)} report file(s), {len(readable)} readable")

    tokenizer = Tokenizer()
    try:
        stored = load_index(settings.index, tokenizer.fingerprint)
    except IndexMissing:
        bad(f"index {settings.index}: none yet (`govqa index`, or `govqa serve` builds it at start)")
    except (IndexMismatch, IndexCorrupt) as exc:
        bad(f"index: {exc} (`govqa serve` rebuilds it at start)")
    else:
        indexed = {r.doc: r.sha256 for r in stored.reports}
        ok(
            f"index {settings.index}: format {stored.manifest.get('format')}, {len(stored.reports)} report(s), "
            f"{len(stored.passages)} passages, built {stored.manifest.get('created', '?')}"
        )
        if indexed != readable:
            changed = sorted(set(indexed.items()) ^ set(readable.items()))
            names = sorted({doc for doc, _sha in changed})
            bad(f"index is out of date for {len(names)} report(s): {', '.join(names[:5])} (run `govqa index` or /reindex)")
    for name, folder in (("GOVQA_DATA", settings.data), ("GOVQA_INDEX", settings.index)):
        if not _writable(folder):
            bad(f"{name} {folder} is not writable")
    print(f"{len(problems)} problem(s)" if problems else "all good")
    return 1 if problems else 0


def _no_options(command: argparse.ArgumentParser) -> None:
    """`check` takes only the common options."""


def _unanswered_parser(command: argparse.ArgumentParser) -> None:
    command.add_argument("--limit", type=int, default=50, help="how many (default 50)")


COMMANDS: list[tuple[str, Callable[[argparse.Namespace], int], str, Callable[[argparse.ArgumentParser], None]]] = [
    ("check", cmd_check, "check settings, corpus and index without contacting Telegram", _no_options),
    ("unanswered", cmd_unanswered, "list questions the reports did not answer", _unanswered_parser),
]
