"""The `dslint` program: a fast path for `dslint lint`, the full command line for the rest."""

from __future__ import annotations

import os
import sys

EXIT_INTERRUPTED = 130  # as dslint.runner; not imported from there, to keep start-up light


def main() -> None:
    arguments = sys.argv[1:]
    try:
        if arguments[:1] == ["lint"]:
            from dslint.quickargs import parse_lint_arguments

            parsed = parse_lint_arguments(arguments[1:])
            if parsed is not None:
                from dslint.runner import lint_command

                sys.exit(lint_command(**parsed))
        from dslint.cli import app

        app()
    except KeyboardInterrupt:
        sys.stderr.write("dslint: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`dslint lint | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
