"""The interface every view of the central area offers the main window.

The window owns the workspace and the selection; a view shows one document and says when it
changed something, so the window refreshes its lists and status. Views do their slow work
(thumbnails, OCR of a region) through the window's ``Tasks`` (``desktop.tasks``), never on
the UI thread.
"""
from __future__ import annotations

from typing import Protocol

from dossier.workspace import Workspace

from desktop.tasks import Tasks


class DocumentView(Protocol):
    """Implemented by ``PagesView`` and ``ReviewView`` (QWidgets with a ``document_changed``
    Signal(int): emitted with a document id after the view changed that document's records)."""

    def attach(self, workspace: Workspace, tasks: Tasks) -> None:
        """Called once, before any ``show_document``: the workspace and the window's task runner."""

    def show_document(self, document_id: int | None) -> None:
        """Show this document (None: nothing selected). Must return at once; load lazily."""
