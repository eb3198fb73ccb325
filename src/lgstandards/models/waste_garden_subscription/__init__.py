"""Typed models of waste-garden-subscription: one module per version (v1_0_0)."""
