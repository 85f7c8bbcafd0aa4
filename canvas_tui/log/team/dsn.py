"""The team store's connection string: parsed once, shown without its secrets, scrubbed from every message.

Credentials must never reach logs, recordings, exports or error messages: everything the team store
says to a person goes through `scrub`, and places are named by `describe` (user@host:port/database).
"""

from __future__ import annotations

import re

from pydantic import SecretStr


def _text(dsn: SecretStr | str) -> str:
    return dsn.get_secret_value() if isinstance(dsn, SecretStr) else dsn


def describe(dsn: SecretStr | str) -> str:
    """Where the store is, without credentials: user@host:port/database."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = conninfo_to_dict(_text(dsn))
    except Exception:  # noqa: BLE001 - an unparsable string is still described without its content
        return "the team store (unreadable connection string)"
    host = parts.get("host") or "localhost"
    return f"{parts.get('user') or ''}@{host}:{parts.get('port') or 5432}/{parts.get('dbname') or ''}".lstrip("@")


def secrets_of(dsn: SecretStr | str) -> list[str]:
    """The parts of a connection string that must not be shown: the whole string and its password."""
    from psycopg.conninfo import conninfo_to_dict

    text = _text(dsn)
    found = [text]
    try:
        password = conninfo_to_dict(text).get("password")
    except Exception:  # noqa: BLE001 - fall back to the URL's userinfo below
        password = None
    match = re.match(r"^[a-z]+://[^:/@]*:([^@]*)@", text)
    return [secret for secret in (*found, password, match and match.group(1)) if secret]


def scrub(message: object, dsn: SecretStr | str) -> str:
    """`message` with the connection string and its password replaced by ***."""
    text = str(message)
    for secret in sorted(secrets_of(dsn), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text
