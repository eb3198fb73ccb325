"""Run the CLI with `python -m lgstandards`."""

from lgstandards.cli import entry_point

entry_point()
