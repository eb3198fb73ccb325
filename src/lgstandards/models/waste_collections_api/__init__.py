"""Typed models of waste-collections-api: one module per version (v1_0_0, v2_0_0)."""
