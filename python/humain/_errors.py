"""Exceptions raised by humain: one class per kind of error of the C++ core, same messages."""


class Error(Exception):
    """Base class of every error humain raises."""


class InvalidInputError(Error, ValueError):
    """Bad argument, image, config or data set."""


class NotFoundError(Error, LookupError):
    """A file, model or data file that is not there."""


class IoError(Error, OSError):
    """Reading or writing a file failed."""


class UnsupportedError(Error):
    """Something humain does not do (e.g. 16-bit images)."""


class TimeoutError(Error, TimeoutError):  # noqa: A001 - also a builtins.TimeoutError
    """A server did not answer in time."""


class NetworkError(Error, ConnectionError):
    """Could not connect, or the connection broke."""


class ServerError(Error):
    """The server answered with an error."""


class ParseError(Error):
    """A model's or server's answer could not be parsed."""


class PolicyError(Error):
    """The routing policy forbids the request (e.g. confidential data to the cloud)."""


class InternalError(Error):
    """A bug or an unexpected failure inside humain."""
