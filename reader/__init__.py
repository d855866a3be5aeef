"""belreader: a terminal reader for the question of Belarus and Russia's war against Ukraine."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("belreader")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
