"""The hash behind article ids and cache keys: BLAKE2b, loaded without OpenSSL.

`hashlib` loads OpenSSL's bindings as it is imported (about 2 ms of every start-up) although
BLAKE2 is CPython's own; the same class is taken straight from where `hashlib` takes it.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # a Python built without its own BLAKE2
    from hashlib import blake2b

__all__ = ["blake2b"]
