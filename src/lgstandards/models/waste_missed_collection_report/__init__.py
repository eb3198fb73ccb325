"""Typed models of waste-missed-collection-report: one module per version (v1_0_0, v1_1_0)."""
