"""Typed models of waste-bulky-booking: one module per version (v1_0_0, v1_1_0)."""
