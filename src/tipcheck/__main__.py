"""`python -m tipcheck`."""

from .cli import main

main()
