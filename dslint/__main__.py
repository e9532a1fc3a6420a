"""`python -m dslint` runs the command line."""

from dslint.cli import main

main()
