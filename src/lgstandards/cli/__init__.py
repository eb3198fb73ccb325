"""The `lgstandards` command: wires options to the library and turns reports into exit codes."""

from __future__ import annotations

import importlib
import io
import os
import sys
from collections.abc import Mapping, Sequence

import click

from lgstandards import __version__
from lgstandards.errors import LgstandardsError
from lgstandards.reporters.escape import safe_line, safe_lines

#: Every sub-command, registered in one place: its name, and the module and attribute defining it.
#: Each is imported when it runs (or when help lists it), so `--version` and `list` do not pay
#: for the imports of every other command.
COMMANDS: Mapping[str, tuple[str, str]] = {
    "list": ("catalogue_commands", "list_command"),
    "show": ("catalogue_commands", "show_command"),
    "validate": ("validate_command", "validate"),
    "publish": ("publish_commands", "publish_command"),
    "lint": ("publish_commands", "lint_command"),
    "lock": ("publish_commands", "lock_command"),
    "new": ("development_commands", "new_command"),
    "release": ("development_commands", "release_command"),
    "diff": ("diff_command", "diff_command"),
    "check-api": ("check_api_command", "check_api"),
    "convert": ("convert_command", "convert"),
    "export": ("export_command", "export"),
    "generate": ("generate_command", "generate"),
    "upgrade": ("upgrade_command", "upgrade"),
    "verify": ("verify_command", "verify"),
    "serve": ("serve_command", "serve"),
}


class _Commands(click.Group):
    """A command group that imports a sub-command's module only when that command is wanted."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Return every sub-command's name, sorted as click sorts them."""
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import and return the named sub-command, or None if there is none by that name."""
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        command = getattr(importlib.import_module(f"lgstandards.cli.{where[0]}"), where[1])
        assert isinstance(command, click.Command)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Resolve a sub-command, suggesting the nearest names for a mistyped one."""
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            # click suggests from the commands it holds, and this group holds none until used.
            raise click.exceptions.NoSuchCommand(
                exc.command_name, possibilities=list(COMMANDS), ctx=ctx
            ) from None


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
# The version is the package's own: reading it from the installed metadata costs start-up time.
@click.version_option(version=__version__, package_name="lgstandards")
def cli() -> None:
    """Check council data and APIs against open, versioned lgstandards standards.

    Exit codes: 0 everything conforms; 1 a finding at or above --fail-on; 2 the tool could not
    run (unknown standard, unreadable schema, bad options).
    """


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code, never letting a traceback reach the user."""
    try:
        result = cli.main(args=list(argv) if argv is not None else None, standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 2
    except click.exceptions.ClickException as exc:
        # Click quotes a bad path as given: show its message through the escaping rule too.
        shown = io.StringIO()
        exc.show(file=shown)
        click.echo(safe_lines(shown.getvalue()), err=True, nl=False)
        return 2
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except LgstandardsError as exc:
        click.echo(f"lgstandards: error: {safe_line(str(exc))}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 2
    except Exception as exc:  # The last line of defence: a clear message instead of a traceback.
        if os.environ.get("LGSTANDARDS_DEBUG"):
            raise
        click.echo(
            f"lgstandards: internal error: {type(exc).__name__}: {safe_line(str(exc))}\n"
            "This is a bug in lgstandards; set LGSTANDARDS_DEBUG=1 to see the traceback and "
            "please report it.",
            err=True,
        )
        return 2
    return int(result or 0)


def entry_point() -> None:
    """Console-script entry point."""
    sys.exit(main())
