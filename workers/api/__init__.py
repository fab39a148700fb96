"""`varsam serve`: the HTTP API (/v1) and the web console, over the one service layer."""
