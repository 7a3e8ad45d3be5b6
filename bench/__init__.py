"""Benchmarks: each prints figures measured in one run (see DEVELOPERS.md)."""
