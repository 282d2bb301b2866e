"""`glocal users ...` and `glocal tokens ...`: accounts for the dashboard and API tokens.

There is no default account: the first admin is created here, with a password typed at the prompt
or read from standard input.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from glocal.cli.output import console, when
from glocal.pipeline.core import Glocal
from glocal.store import web_queries
from glocal.web import accounts

users_app = typer.Typer(help="Dashboard users and roles.", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens for programmatic access.", no_args_is_help=True)


@users_app.command("create")
def create(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option("--role", help="viewer | analyst | admin")] = "viewer",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard input.")] = False,
) -> None:
    """Create a user (the first admin of a deployment is created this way)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    glocal = Glocal.open()
    try:
        with glocal.session() as session:
            user = accounts.create_user(session, username, password, role)
            console.print(f"Created {user.role} [bold]{user.username}[/].")
    finally:
        glocal.close()


@users_app.command("list")
def list_users() -> None:
    """Users, their roles and last login."""
    glocal = Glocal.open()
    try:
        with glocal.session() as session:
            rows = web_queries.list_users(session)
    finally:
        glocal.close()
    table = Table(title="Users")
    for column in ("username", "role", "active", "last login"):
        table.add_column(column)
    for row in rows:
        table.add_row(row["username"], row["role"], "yes" if row["active"] else "no", when(row["last_login_at"]))
    console.print(table)


@tokens_app.command("create")
def create_token(
    username: Annotated[str, typer.Argument(help="Owner of the token.")],
    name: Annotated[str, typer.Argument(help="What the token is for.")],
) -> None:
    """Create an API token (printed once; send it as 'Authorization: Bearer <token>')."""
    glocal = Glocal.open()
    try:
        with glocal.session() as session:
            token = accounts.create_token(session, username, name)
    finally:
        glocal.close()
    console.print(token, highlight=False, soft_wrap=True)
