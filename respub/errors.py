"""One exception for every kind of bad input, always carrying its position."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: a text, metadata file, catalog or registry that cannot be published.

    Its message is `path:line: what is wrong`, ready to print to the person who has to fix it.
    """

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{line}: {message}")
