"""Errors meant for users: located, saying what is wrong and how to fix it (exit code 2)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # one line per problem, whatever text the input carried into the message
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        return f"{self.file}:{self.line}:{self.column}: {message}"


class UserError(Exception):
    """Bad input. The CLI prints each problem and exits with code 2, never a traceback."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, (Problem, str)):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def read_user_file(path, what: str) -> str:
    """The text of a file the user named; a missing or non-UTF-8 file is a located UserError."""
    from pathlib import Path

    from stackwright.limits import MAX_FILE_BYTES

    path = Path(path)
    try:
        with path.open("rb") as file:  # read at most the limit: a device or a huge file must not hang us
            data = file.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise UserError(Problem(str(path), 1, 1, f"the {what} is larger than {MAX_FILE_BYTES:,} bytes; "
                                    "give the file it should be, or split it"))
        return data.decode("utf-8")
    except (FileNotFoundError, IsADirectoryError):
        raise UserError(Problem(str(path), 1, 1, "no such file; check the path")) from None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise UserError(Problem(str(path), line, column, f"not UTF-8 text; save the {what} as UTF-8")) from None
    except OSError as error:
        import os

        reason = os.strerror(error.errno) if error.errno else str(error)
        raise UserError(Problem(str(path)[:300], 1, 1, f"cannot read the {what} ({reason}); check the path")) from None
