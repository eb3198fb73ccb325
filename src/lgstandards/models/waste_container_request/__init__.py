"""Typed models of waste-container-request: one module per version (v1_0_0)."""
