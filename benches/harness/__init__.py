"""The benchmark harness: builds the four implementations, measures every
operation with callgrind and with wall time, and writes the report.

Run it through `cargo xtask bench` (which prepares the venv), or directly
with a venv's python as `python -m harness` from `benches/`.
"""
