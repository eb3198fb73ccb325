"""Typed models of waste-common: one module per version (v1_0_0)."""
