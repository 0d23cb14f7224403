"""A handover list's PDF page by page on screen, and on paper.

Pages are rasterised with pypdfium2 (already used for imported PDFs) off the UI thread; the
printer gets each page rendered at its own resolution, so the QR codes stay sharp on paper.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.page_images import pdf_page_qimage

PREVIEW_DPI = 72.0  # a landscape A4 page 842 px wide: readable in the dialog, quick to draw


def render_pages(pdf: bytes, dpi: float = PREVIEW_DPI, cancel: Any = None) -> list[QImage]:
    """Every page of ``pdf`` as an image at ``dpi`` (worker thread; QImage is safe off the GUI thread)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    images = []
    try:
        for index in range(len(document)):
            if cancel is not None and cancel.is_set():
                break
            page = document[index]
            try:
                images.append(pdf_page_qimage(page, dpi / 72.0))
            finally:
                page.close()
    finally:
        document.close()
    return images


def print_pdf(pdf: bytes, printer: QPrinter, progress: Callable[[int, int], None] | None = None) -> int:
    """Print every page on ``printer`` (as chosen in its dialog), each fitted to the printable
    area with its proportions kept; returns the pages printed."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    painter = QPainter()
    printed = 0
    try:
        if not painter.begin(printer):
            raise OSError("không mở được máy in")
        dpi = max(150, min(printer.resolution(), 300))  # enough for a QR module, not a huge bitmap
        count = len(document)
        for index in range(count):
            if index:
                printer.newPage()
            page = document[index]
            try:
                image = pdf_page_qimage(page, dpi / 72.0)
            finally:
                page.close()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(area.x() + (area.width() - size.width()) // 2, area.y(), size.width(), size.height())
            painter.drawImage(target, image)
            printed += 1
            if progress is not None:
                progress(printed, count)
    finally:
        if painter.isActive():
            painter.end()
        document.close()
    return printed


class PdfPages(QScrollArea):
    """The pages one under another, each a label (``page_labels``) holding its image."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handover-preview")
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrow keys and Page Up/Down scroll the pages
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._inner)
        self.page_labels: list[QLabel] = []
        self.placeholder = QLabel(self.tr("Chọn hồ sơ rồi bấm “Xem trước” để xem danh sách bàn giao."))
        self.placeholder.setWordWrap(True)
        self._layout.addWidget(self.placeholder)

    def show_pages(self, images: list[QImage]) -> None:
        self.clear()
        self.placeholder.hide()
        for number, image in enumerate(images, start=1):
            label = QLabel()
            label.setObjectName(f"handover-page-{number}")
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(self.tr("Trang %1/%2").replace("%1", str(number)).replace("%2", str(len(images))))
            label.setFrameShape(QLabel.Shape.Box)
            self._layout.addWidget(label)
            self.page_labels.append(label)

    def show_message(self, text: str) -> None:
        self.clear()
        self.placeholder.setText(text)
        self.placeholder.show()

    def clear(self) -> None:
        for label in self.page_labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
