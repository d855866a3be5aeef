"""Benchmarks for belreader: a corpus generator, measurements beside their floors, one runner."""
