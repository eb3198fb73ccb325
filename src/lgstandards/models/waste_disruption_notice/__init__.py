"""Typed models of waste-disruption-notice: one module per version (v1_0_0)."""
