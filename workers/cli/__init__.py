"""The command line: `varsam` and its subcommands."""
