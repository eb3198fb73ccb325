"""The `lgstandards` command: wires options to the library and turns reports into exit codes."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence

import click

from lgstandards.cli import (
    catalogue_commands,
    check_api_command,
    convert_command,
    development_commands,
    diff_command,
    export_command,
    generate_command,
    publish_commands,
    serve_command,
    upgrade_command,
    validate_command,
    verify_command,
)
from lgstandards.errors import LgstandardsError
from lgstandards.reporters.escape import safe_line, safe_lines

#: Every sub-command, registered in one place.
COMMANDS: tuple[click.Command, ...] = (
    catalogue_commands.list_command,
    catalogue_commands.show_command,
    validate_command.validate,
    publish_commands.publish_command,
    publish_commands.lint_command,
    publish_commands.lock_command,
    development_commands.new_command,
    development_commands.release_command,
    diff_command.diff_command,
    check_api_command.check_api,
    convert_command.convert,
    export_command.export,
    generate_command.generate,
    upgrade_command.upgrade,
    verify_command.verify,
    serve_command.serve,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="lgstandards")
def cli() -> None:
    """Check council data and APIs against open, versioned lgstandards standards.

    Exit codes: 0 everything conforms; 1 a finding at or above --fail-on; 2 the tool could not
    run (unknown standard, unreadable schema, bad options).
    """


for _command in COMMANDS:
    cli.add_command(_command)


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
