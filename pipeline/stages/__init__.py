"""Stage functions `handle(event, ctx) -> list[Event]`, the same in every mode."""
