"""Option values the import commands take, refused with a message that says what is wrong.

Each is an argparse ``type`` (argparse shows an ArgumentTypeError's message, not a ValueError's).
The commands apply them again in handle(): call_command() passes keyword options unconverted.
"""

from argparse import ArgumentTypeError
from datetime import date

from django.core.management.base import CommandError


def iso_date(value):
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ArgumentTypeError(f"{value!r} 不是有效的日期（格式为 YYYY-MM-DD）") from None


def positive_integer(value):
    try:
        number = int(value)
    except ValueError:
        raise ArgumentTypeError(f"{value!r} 不是整数") from None
    if number < 1:
        raise ArgumentTypeError(f"最小是 1，{number} 太小")
    return number


def checked(option, convert, value):
    """``convert(value)`` for a value handle() was given, refused as the command line would be."""
    try:
        return convert(value)
    except ArgumentTypeError as error:
        raise CommandError(f"{option}: {error}") from None
