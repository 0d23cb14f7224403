"""How values read on screen: dates dd/mm/yyyy (Vietnamese usage), states in the clerk's words."""
from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from dossier.model import DocumentState


def format_date(value: date | datetime | str | None) -> str:
    """'2025-03-12' (as stored) → '12/03/2025'; an ISO time keeps only its date."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def state_label(state: DocumentState) -> str:
    """The state as the clerk reads it (design §2 names the states; these are the words on screen)."""
    labels = {
        DocumentState.CAPTURED: QCoreApplication.translate("DocumentState", "Đã quét"),
        DocumentState.PROCESSED: QCoreApplication.translate("DocumentState", "Đã nhận dạng chữ"),
        DocumentState.EXTRACTED: QCoreApplication.translate("DocumentState", "Chờ kiểm tra"),
        DocumentState.REVIEWED: QCoreApplication.translate("DocumentState", "Đã kiểm tra"),
        DocumentState.SIGNED: QCoreApplication.translate("DocumentState", "Đã ký số"),
        DocumentState.QUEUED: QCoreApplication.translate("DocumentState", "Chờ gửi"),
        DocumentState.UPLOADED: QCoreApplication.translate("DocumentState", "Đã gửi"),
    }
    return labels[state]
