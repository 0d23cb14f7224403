"""The one dialog before a run of signatures: who signs, how many documents, where the stamp
lands on page 1, and the token's PIN, typed once, masked.

The PIN lives in the field only until the dialog closes (``take_pin`` empties it); it is
never saved, logged or typed again by the app. A PIN-pad reader takes it on its own keypad,
and the demo identity needs none: the field is then hidden.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget)

from dossier.stamp_preview import StampPreview
from signing.stamps import LEADING

from desktop.page_images import to_qimage

PREVIEW_WIDTH = 360  # pixels on screen for the whole page; the stamp's corner is shown at full size


@dataclass(frozen=True)
class SigningRequest:
    """What the dialog shows; built off the UI thread (the token is read there)."""

    holder: str  # the certificate's holder, or the demo identity's name
    issuer: str
    where: str  # "thẻ <label> (số sê-ri …)" or the demo identity's note
    pin_needed: bool
    demo: bool
    count: int  # documents to sign (0: a single signature asked by another screen)
    warning: str | None = None  # certificate near its end
    preview: StampPreview | None = None
    images: "PreviewImages | None" = None  # the preview drawn (``preview_images``), off the UI thread too


@dataclass(frozen=True)
class PreviewImages:
    """The preview as the dialog shows it: the page scaled to PREVIEW_WIDTH and the stamp's
    corner at full size. QImages, so they are drawn on the thread that reads the token
    (drawing and scaling the 144 dpi page took 30 ms on the UI thread, 50-130 ms under load)."""

    page: QImage
    corner: QImage | None


def preview_images(preview: StampPreview) -> PreviewImages:
    drawn = draw_stamp(preview)
    corner = corner_rect(preview, drawn)
    return PreviewImages(drawn.scaledToWidth(PREVIEW_WIDTH, Qt.TransformationMode.SmoothTransformation),
                         drawn.copy(corner) if corner is not None else None)


def draw_stamp(preview: StampPreview) -> QImage:
    """Page 1 with the stamp's box and text where the signature will put them."""
    image = to_qimage(preview.page).convertToFormat(QImage.Format.Format_RGB32)
    plan = preview.plan
    if plan is None:
        return image
    scale = image.width() / preview.page_size[0]
    x0, y0, x1, y1 = plan.box
    height = preview.page_size[1]
    box = QRectF(x0 * scale, (height - y1) * scale, (x1 - x0) * scale, (y1 - y0) * scale)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(box, QColor(255, 240, 150, 110))  # a highlight only the preview has
    painter.setPen(QPen(QColor(200, 80, 0), 1.5, Qt.PenStyle.DashLine))
    painter.drawRect(box)
    font = QFont("FreeSerif")
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPixelSize(max(6, round(plan.font_size * scale)))
    painter.setFont(font)
    painter.setPen(QColor(0, 0, 0))
    line_height = plan.font_size * LEADING * scale
    for number, line in enumerate(plan.text.split("\n")):
        painter.drawText(QPointF(box.left() + 3 * scale, box.top() + (number + 1) * line_height), line)
    painter.end()
    return image


def corner_rect(preview: StampPreview, image: QImage) -> QRect | None:
    """The stamp's box with a margin of the page around it, in pixels of ``image``."""
    if preview.plan is None:
        return None
    scale = image.width() / preview.page_size[0]
    x0, y0, x1, y1 = preview.plan.box
    margin = 24 * scale
    top = (preview.page_size[1] - y1) * scale
    rect = QRectF(x0 * scale - margin, top - margin, (x1 - x0) * scale + 2 * margin, (y1 - y0) * scale + 2 * margin)
    return rect.toAlignedRect().intersected(image.rect())


class PinDialog(QDialog):
    def __init__(self, request: SigningRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pin-dialog")
        self.setWindowTitle(self.tr("Ký số"))
        self.request = request
        layout = QVBoxLayout(self)
        if request.count:
            title = self.tr("Ký số %n tài liệu đã kiểm tra", "", request.count)
        else:
            title = self.tr("Ký số")
        heading = QLabel(title)
        heading.setObjectName("signing-title")
        heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        layout.addWidget(heading)

        form = QFormLayout()
        holder = QLabel(request.holder)
        holder.setObjectName("signer-holder")
        form.addRow(self.tr("Người ký:"), holder)
        form.addRow(self.tr("Nhà cung cấp:"), QLabel(request.issuer))
        form.addRow(self.tr("Khóa ký:"), QLabel(request.where))
        layout.addLayout(form)
        if request.demo:
            demo = QLabel(self.tr("Đây là danh tính DEMO để thử: chữ ký không có giá trị pháp lý. "
                                  "Chọn thẻ ký số thật trong Ký số › Chọn thẻ ký số…"))
            demo.setObjectName("demo-warning")
            demo.setWordWrap(True)
            demo.setStyleSheet("color: #a04000; font-weight: bold;")
            layout.addWidget(demo)
        if request.warning:
            warning = QLabel(request.warning)
            warning.setObjectName("certificate-warning")
            warning.setWordWrap(True)
            warning.setStyleSheet("color: #a04000; font-weight: bold;")
            layout.addWidget(warning)

        self.preview_label = QLabel()
        self.preview_label.setObjectName("stamp-preview")
        if request.preview is not None:
            preview = request.preview
            caption = QLabel(self.tr("Dấu trên trang 1 của tài liệu đầu tiên (vùng tô vàng):")
                             if preview.plan is not None else
                             self.tr("Chữ ký không hiện trên trang (mẫu dấu: không có)."))
            layout.addWidget(caption)
            images = request.images or preview_images(preview)
            self.preview_label.setPixmap(QPixmap.fromImage(images.page))
            pages = QHBoxLayout()
            pages.addWidget(self.preview_label)
            self.corner_label = QLabel()  # the stamp's corner at full size: its text read before signing
            self.corner_label.setObjectName("stamp-corner")
            if images.corner is not None:
                self.corner_label.setPixmap(QPixmap.fromImage(images.corner))
                pages.addWidget(self.corner_label, 0, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(pages)
            if preview.note:
                note = QLabel(self.tr("Dấu đã được dời khỏi chữ in để không che nội dung."))
                note.setObjectName("stamp-note")
                layout.addWidget(note)

        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhNoPredictiveText
                                     | Qt.InputMethodHint.ImhSensitiveData)
        self.pin.setMaxLength(64)
        self.pin_row = QWidget()
        pin_form = QFormLayout(self.pin_row)
        pin_form.setContentsMargins(0, 0, 0, 0)
        pin_form.addRow(self.tr("Mã PIN của thẻ:"), self.pin)
        layout.addWidget(self.pin_row)
        if not request.pin_needed:
            self.pin_row.hide()
            if not request.demo:
                pad = QLabel(self.tr("Nhập mã PIN trên bàn phím của đầu đọc thẻ khi đầu đọc yêu cầu."))
                pad.setObjectName("pin-pad")
                layout.addWidget(pad)
        else:
            once = QLabel(self.tr("Mã PIN được hỏi một lần cho cả lượt ký, không được lưu lại."))
            once.setStyleSheet("color: palette(mid);")
            layout.addWidget(once)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_button.setText(self.tr("Ký") if request.count else self.tr("Tiếp tục"))
        self.sign_button.setObjectName("sign")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if request.pin_needed:
            self.sign_button.setEnabled(False)
            self.pin.textChanged.connect(lambda text: self.sign_button.setEnabled(bool(text)))
            self.pin.setFocus()
        self._pin: str | None = None

    def accept(self) -> None:
        if self.request.pin_needed and not self.pin.text():
            return
        self._pin = self.pin.text() if self.request.pin_needed else None
        self.pin.clear()
        super().accept()

    def reject(self) -> None:
        self.pin.clear()
        super().reject()

    def take_pin(self) -> str | None:
        """The PIN typed (once); the dialog forgets it."""
        pin, self._pin = self._pin, None
        return pin
