"""The question log: counts of every question, the text of unanswered and 👎 ones, and the audit log.

Stored in SQLite under GOVQA_DATA. A chat id is kept only as an HMAC with a secret that lives
beside the database, so ids cannot be recovered by hashing every possible id.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["QuestionLog", "Stats"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (ts REAL NOT NULL, answered INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS unanswered (ts REAL NOT NULL, chat TEXT NOT NULL, question TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feedback (ts REAL NOT NULL, chat TEXT NOT NULL, vote INTEGER NOT NULL,
                                     question TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (ts REAL NOT NULL, admin INTEGER NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS questions_ts ON questions (ts);
"""


@dataclass(frozen=True)
class Stats:
    """What /stats shows."""

    answered: int
    unanswered: int
    top_unanswered: list[tuple[str, int]]
    thumbs_down: int
    thumbs_up: int


class QuestionLog:
    """SQLite-backed log; safe to call from the event loop (short writes) and threads."""

    def __init__(self, data: Path, retention_days: int = 90) -> None:
        data.mkdir(parents=True, exist_ok=True)
        key_path = data / "chat-hmac.key"
        if not key_path.exists():
            fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32))
        self._key = bytes.fromhex(key_path.read_text().strip())
        self._db = sqlite3.connect(data / "questions.sqlite3", check_same_thread=False)
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self.retention = retention_days * 86400

    def chat_hash(self, chat_id: int) -> str:
        """The keyed hash a chat id is stored as."""
        return hmac.new(self._key, str(chat_id).encode(), hashlib.sha256).hexdigest()[:32]

    def _write(self, sql: str, args: tuple[object, ...]) -> None:
        with self._lock, self._db:
            self._db.execute(sql, args)

    def record(self, chat_id: int, question: str, answered: bool) -> None:
        """Count a question; keep its text only when it went unanswered."""
        now = time.time()
        self._write("INSERT INTO questions VALUES (?, ?)", (now, int(answered)))
        if not answered and question.strip():
            self._write("INSERT INTO unanswered VALUES (?, ?, ?)", (now, self.chat_hash(chat_id), question.strip()[:500]))

    def feedback(self, chat_id: int, vote: int, question: str, doc: str) -> None:
        """Record 👍 (1) or 👎 (-1) on an answer."""
        self._write("INSERT INTO feedback VALUES (?, ?, ?, ?, ?)", (time.time(), self.chat_hash(chat_id), vote, question[:500], doc))

    def audit(self, admin: int, action: str, detail: str) -> None:
        """Record an admin action."""
        self._write("INSERT INTO audit VALUES (?, ?, ?, ?)", (time.time(), admin, action, detail[:1000]))

    def audit_entries(self) -> list[tuple[int, str, str]]:
        """Every audit entry, oldest first: (admin, action, detail)."""
        with self._lock:
            return list(self._db.execute("SELECT admin, action, detail FROM audit ORDER BY ts"))

    def prune(self) -> None:
        """Forget question texts older than the retention period."""
        cutoff = time.time() - self.retention
        with self._lock, self._db:
            for table in ("unanswered", "feedback", "questions"):
                self._db.execute(f"DELETE FROM {table} WHERE ts < ?", (cutoff,))

    def stats(self, since: float) -> Stats:
        """Counts since ``since`` (a timestamp) and the most asked unanswered questions."""
        with self._lock:
            answered, unanswered = self._db.execute(
                "SELECT COALESCE(SUM(answered), 0), COALESCE(SUM(1 - answered), 0) FROM questions WHERE ts >= ?", (since,)
            ).fetchone()
            top = self._db.execute(
                "SELECT question, COUNT(*) AS n FROM unanswered WHERE ts >= ? GROUP BY question ORDER BY n DESC, MAX(ts) DESC LIMIT 10",
                (since,),
            ).fetchall()
            down, up = self._db.execute(
                "SELECT COALESCE(SUM(vote < 0), 0), COALESCE(SUM(vote > 0), 0) FROM feedback WHERE ts >= ?", (since,)
            ).fetchone()
        return Stats(int(answered), int(unanswered), [(q, int(n)) for q, n in top], int(down), int(up))

    def unanswered(self, limit: int = 50) -> list[tuple[str, int, float]]:
        """Unanswered and 👎 questions, most asked first: (question, times, last asked)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT question, COUNT(*), MAX(ts) FROM (SELECT question, ts FROM unanswered "
                "UNION ALL SELECT question, ts FROM feedback WHERE vote < 0) GROUP BY question "
                "ORDER BY COUNT(*) DESC, MAX(ts) DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [(q, int(n), float(ts)) for q, n, ts in rows]

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
