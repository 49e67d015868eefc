"""The `govqa` command: build the index, ask questions, run a question file, serve the bot.

Results go to stdout; progress and logs to stderr. Exit status: 0 success, 1 a known
failure (one `Error: …` line), 2 bad usage, 3 `index` finished but skipped some reports.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from index import Engine, GovqaError, Tokenizer, build_index, load_or_build

from .render import render_text

__all__ = ["EXIT_PARTIAL", "Locations", "main"]

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
DEFAULT_CORPUS = Path("corpus")
DEFAULT_INDEX = Path(".govqa/index")


@dataclass(frozen=True)
class Locations:
    """Where the reports and the index live: flags, else GOVQA_CORPUS / GOVQA_INDEX, else ./corpus, ./.govqa/index."""

    corpus: Path
    index: Path

    @classmethod
    def resolve(cls, corpus: str | None, index: str | None, env: dict[str, str] | os._Environ[str] = os.environ) -> Locations:
        """Apply the precedence: command-line flag, then environment, then the default beside the working directory."""
        return cls(
            corpus=Path(corpus or env.get("GOVQA_CORPUS") or DEFAULT_CORPUS),
            index=Path(index or env.get("GOVQA_INDEX") or DEFAULT_INDEX),
        )


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _open_engine(args: argparse.Namespace) -> Engine:
    where = Locations.resolve(args.corpus, args.index)
    return load_or_build(where.index, where.corpus, Tokenizer(), _say)


def cmd_index(args: argparse.Namespace) -> int:
    """Build the index from the corpus folder, replacing the old one only when the new one is complete.

    Example: govqa index --corpus corpus --index .govqa/index
    Exit 0 when every report was indexed, 3 when some were skipped (each named with its reason),
    1 when none could be read (the previous index stays in use).
    """
    where = Locations.resolve(args.corpus, args.index)
    tokenizer = Tokenizer()

    def progress(done: int, total: int, doc: str) -> None:
        if total >= 20 and (done % max(1, total // 20) == 0 or done == total):
            _say(f"[{done}/{total}] {doc}")

    result = build_index(where.corpus, where.index, tokenizer, progress)
    for doc, reason in result.skipped:
        _say(f"skipped {doc}: {reason}")
    reused = f", {result.reused} reused from the previous index" if result.reused else ""
    print(
        f"indexed {len(result.reports)} report(s), {result.passages} passages into {where.index} "
        f"in {result.seconds:.1f}s{reused}; skipped {len(result.skipped)}"
    )
    return EXIT_OK if result.complete else EXIT_PARTIAL


def _questions(stream: TextIO) -> Callable[[], str | None]:
    """Read questions split on \\n only (a \\r or U+2028 inside a line stays in that question)."""
    reader = io.TextIOWrapper(stream.buffer, encoding="utf-8", errors="replace", newline="\n") if hasattr(stream, "buffer") else stream

    def next_question() -> str | None:
        line = reader.readline()
        if not line:
            return None
        return line.removesuffix("\n")

    return next_question


# json.dumps leaves these raw with ensure_ascii=False, and str.splitlines() breaks lines at them.
_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def json_line(obj: object) -> str:
    """One JSON object on one line, whatever line splitter reads it."""
    return json.dumps(obj, ensure_ascii=False).translate(_LINE_BREAKS)


def _emit(engine: Engine, question: str, args: argparse.Namespace) -> None:
    answer = engine.ask(question, top=args.top)
    if args.json:
        sys.stdout.write(json_line(answer.to_json()) + "\n")
    else:
        sys.stdout.write(render_text(answer) + "\n\n")
    sys.stdout.flush()


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer a question, or every line of standard input when no question is given.

    Example: govqa ask 消防演练开展了几次？
             govqa ask --json --top 5 < questions.txt
    Each input line gets exactly one answer, in order, flushed before the next line is read.
    """
    if args.top < 1:
        raise UsageError("--top must be at least 1")
    engine = _open_engine(args)
    if args.question is not None:
        _emit(engine, args.question, args)
        return EXIT_OK
    next_question = _questions(sys.stdin)
    while (question := next_question()) is not None:
        _emit(engine, question, args)
    return EXIT_OK


def cmd_chat(args: argparse.Namespace) -> int:
    """Ask questions one after another at a prompt; an empty line or Ctrl-D ends.

    Example: govqa chat
    """
    engine = _open_engine(args)
    _say(f"{len(engine.reports)} report(s) loaded. Type a question; an empty line or Ctrl-D quits.")
    while True:
        try:
            question = input("问> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return EXIT_OK
        if not question.strip():
            return EXIT_OK
        print(render_text(engine.ask(question, top=args.top)) + "\n", flush=True)


def cmd_eval(args: argparse.Namespace) -> int:
    """Run a question file and report hit@1, hit@3, figure and refusal rates; exit 1 on any failure.

    Example: govqa eval tests/data/questions.jsonl
    Each line: {"id", "question", "expect": text the first passage must contain, or null when the
    reports hold no answer, optional "answer": the figure}.
    """
    from .evaluate import evaluate, load_questions

    engine = _open_engine(args)
    cases = load_questions(Path(args.file))
    report = evaluate(engine, cases)
    for failure in report.failures:
        print(failure)
    for line in report.summary_lines():
        print(line)
    return EXIT_OK if not report.failures else EXIT_ERROR


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the Telegram bot (long polling, or a webhook when GOVQA_WEBHOOK_URL is set).

    Example: TELEGRAM_BOT_TOKEN=… GOVQA_ADMIN_IDS=12345 govqa serve
    """
    from .app import serve

    return serve(args)


class UsageError(Exception):
    """A bad combination of arguments (exit 2)."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand; each subcommand's help is its docstring."""
    parser = argparse.ArgumentParser(
        prog="govqa",
        description="Answer residents' questions from government reports, with the passage and its citation.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], summary: str) -> argparse.ArgumentParser:
        command = sub.add_parser(
            name, help=summary, description=func.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        command.set_defaults(func=func)
        command.add_argument("--corpus", help="report folder (default: $GOVQA_CORPUS, else ./corpus)")
        command.add_argument("--index", help="index folder (default: $GOVQA_INDEX, else ./.govqa/index)")
        return command

    add("index", cmd_index, "build the index from the corpus folder")
    ask = add("ask", cmd_ask, "answer a question (or each line of stdin)")
    ask.add_argument("question", nargs="?", help="the question; omitted: read questions from stdin, one per line")
    ask.add_argument("--json", action="store_true", help="one JSON object per question, one per line")
    ask.add_argument("--top", type=int, default=3, help="how many passages (default 3)")
    chat = add("chat", cmd_chat, "ask questions interactively")
    chat.add_argument("--top", type=int, default=3, help="how many passages (default 3)")
    evaluate = add("eval", cmd_eval, "run a question file and report hit rates")
    evaluate.add_argument("file", help="questions in JSON lines (id, question, expect, answer)")
    add("serve", cmd_serve, "run the Telegram bot")
    for name, func, summary, configure_parser in _extra_commands():
        configure_parser(add(name, func, summary))
    return parser


def _extra_commands() -> list[tuple[str, Callable[[argparse.Namespace], int], str, Callable[[argparse.ArgumentParser], None]]]:
    from .admin_cli import COMMANDS

    return COMMANDS


def configure_logging() -> None:
    """Log to stderr at LOG_LEVEL (default WARNING for the CLI)."""
    from .logs import configure

    configure(os.environ.get("LOG_LEVEL", "WARNING"), os.environ.get("GOVQA_LOG_FORMAT", "text"))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `govqa` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging()
    try:
        return int(args.func(args))
    except UsageError as exc:
        parser.error(str(exc))
    except GovqaError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
