"""Run every benchmark with `python -m benchmarks [--quick] [--json FILE] [--only NAME]`."""

import sys

from benchmarks.run import main

if __name__ == "__main__":
    sys.exit(main())
