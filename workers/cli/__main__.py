"""`python -m workers.cli`: the varsam command line."""

from workers.cli.app import main

main()
