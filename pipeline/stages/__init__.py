"""Stage functions: `handle(event, ctx) -> list[Event]`, the same in embedded and distributed mode."""
