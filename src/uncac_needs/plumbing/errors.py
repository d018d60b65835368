"""Errors the user can cause end with one plain sentence and exit status 2."""
from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input: a file, a sheet, a column, a parameter.

    The message is one plain sentence saying what is wrong and what to do; the command line
    prints it on stderr and exits with status 2, without a traceback.
    """

    exit_code = 2
