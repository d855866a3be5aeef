"""The non-interactive subcommands of `belreader`; none imports Textual."""
