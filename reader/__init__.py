"""belreader: a terminal reader for the question of Belarus and Russia's war against Ukraine."""

# The one place the version is written (pyproject reads it from here): reading it back from
# the installed metadata cost ~28 ms of every start.
__version__ = "0.1.0"
