"""Benchmarks: scripts that print figures. They are not tests; CI runs only a smoke run."""
