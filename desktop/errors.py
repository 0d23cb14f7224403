"""Errors as the clerk reads them: what happened, in Vietnamese, and what to do next.

The core's errors already carry a Vietnamese reason (``WorkspaceError``, ``ocr.errors.PageError``);
this adds the next step and shows both where the clerk is looking, without blocking the
event loop (the dialog is window-modal and opened, not exec'd).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from dossier.workspace import WorkspaceError


@dataclass(frozen=True)
class Explained:
    what: str
    next_step: str


def explain(error: BaseException) -> Explained:
    if isinstance(error, WorkspaceError):
        return Explained(str(error), QCoreApplication.translate("Errors", "Kiểm tra lại thông tin vừa nhập rồi thử lại."))
    try:
        from ocr.errors import PageError
    except ImportError:  # pragma: no cover - ocr is part of the same install
        PageError = ()  # type: ignore[assignment,misc]  # noqa: N806
    if isinstance(error, PageError):
        return Explained(QCoreApplication.translate("Errors", "Không đọc được trang: %1").replace("%1", str(error.reason)),
                         QCoreApplication.translate("Errors", "Quét lại trang này hoặc chọn tệp khác."))
    if isinstance(error, OSError):
        name = f" {error.filename}" if error.filename else ""
        return Explained(QCoreApplication.translate("Errors", "Không đọc hoặc ghi được tệp%1 (%2).").replace("%1", name)
                         .replace("%2", error.strerror or str(error)),
                         QCoreApplication.translate("Errors", "Kiểm tra ổ đĩa còn chỗ trống và quyền ghi vào thư mục, rồi thử lại."))
    return Explained(QCoreApplication.translate("Errors", "Đã có lỗi không mong đợi (%1).").replace("%1", type(error).__name__),
                     QCoreApplication.translate("Errors", "Thử lại; nếu lỗi lặp lại, báo cho bộ phận kỹ thuật kèm thời điểm xảy ra lỗi."))


def show_error(parent: QWidget | None, error: BaseException | Explained) -> QMessageBox:
    """Open a window-modal error box over ``parent`` (returns it; it closes itself)."""
    explained = error if isinstance(error, Explained) else explain(error)
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Errors", "SoHoa – Có lỗi"),
                      explained.what, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("error-dialog")
    box.setInformativeText(explained.next_step)
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("Errors", "Đã hiểu"))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
