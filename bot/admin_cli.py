"""Operator commands of `govqa` beyond asking: filled in by the bot and deploy modules."""

from __future__ import annotations

import argparse
from collections.abc import Callable

COMMANDS: list[tuple[str, Callable[[argparse.Namespace], int], str]] = []
