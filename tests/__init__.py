"""The lgstandards test suite."""
