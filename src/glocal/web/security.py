"""Passwords, API tokens, the session key, CSRF tokens and the login rate limit."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from collections import defaultdict, deque
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from glocal.config import Settings

_hasher = PasswordHasher()
TOKEN_PREFIX = "glc_"
MIN_PASSWORD_LENGTH = 10
# verifying against this keeps the time of a login for an unknown user close to a real one
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    """Why a new password is refused, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"a password needs at least {MIN_PASSWORD_LENGTH} characters"
    return None


def generate_password() -> str:
    return secrets.token_urlsafe(15)


def new_api_token() -> tuple[str, str]:
    """(token shown once to the user, its hash kept in the store)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def session_secret(settings: Settings) -> str:
    """The configured key, else a random one kept (mode 0600) in <data_dir>/session.key."""
    if settings.session_secret:
        return settings.session_secret
    path = Path(settings.data_dir) / "session.key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_matches(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


class LoginLimiter:
    """Failed logins per (username, client address) within a sliding window, in memory.

    One server process holds the counts; behind several processes each counts on its own, which
    still bounds guessing to ``attempts`` × processes per window.
    """

    def __init__(self, attempts: int, window_seconds: float) -> None:
        self.attempts = attempts
        self.window = window_seconds
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _prune(self, key: tuple[str, str], now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def retry_after(self, username: str, client: str) -> int:
        """Seconds until another attempt is allowed (0 = allowed now)."""
        key = (username.lower(), client)
        with self._lock:
            now = time.monotonic()
            failures = self._prune(key, now)
            if len(failures) < self.attempts:
                return 0
            return max(1, int(failures[0] + self.window - now) + 1)

    def failed(self, username: str, client: str) -> None:
        with self._lock:
            self._failures[(username.lower(), client)].append(time.monotonic())

    def succeeded(self, username: str, client: str) -> None:
        with self._lock:
            self._failures.pop((username.lower(), client), None)
