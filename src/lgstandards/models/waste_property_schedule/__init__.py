"""Typed models of waste-property-schedule: one module per version (v1_0_0, v2_0_0)."""
