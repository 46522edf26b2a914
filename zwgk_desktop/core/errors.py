"""User-facing errors: every message is one line of Simplified Chinese.

The CLI prints ``str(error)`` and exits 2; the GUI shows it in a message box. Anything
that is not a ``ZwgkError`` is a bug and is reported as such.
"""

from __future__ import annotations


class ZwgkError(Exception):
    """Base class for errors a user can act on; ``str()`` is the Chinese message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class FileUnreadableError(ZwgkError):
    """The input file is missing, of the wrong kind, corrupt or hostile."""


class NotACatalogError(FileUnreadableError):
    """The file opens but is not a zwgk catalog document."""


class DocumentLockedError(ZwgkError):
    """Another process holds the document for writing."""


class ReadOnlyError(ZwgkError):
    """A write was attempted on a document opened read-only (e.g. in 审核模式)."""


class TemplateError(ZwgkError):
    """A domain template in catalogs/ is malformed (a developer error, named precisely)."""


class ExportError(ZwgkError):
    """An export could not be written (target locked by Excel, disk full, …)."""


class TargetExistsError(ExportError):
    """The file to be written exists and replacing it was not asked for."""
