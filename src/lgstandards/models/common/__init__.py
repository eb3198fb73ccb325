"""Typed models of common: one module per version (v1_0_0, v1_1_0, v2_0_0)."""
