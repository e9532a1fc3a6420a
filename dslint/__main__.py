"""`python -m dslint` runs the command line."""

from dslint.main import main

main()
