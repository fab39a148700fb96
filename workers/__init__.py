"""The processes: storage and bus adapters, the embedded runner, the CLI."""
