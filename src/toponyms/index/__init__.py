"""Indexes: name keys for exact lookup, and the one typo index every fuzzy question reads."""
