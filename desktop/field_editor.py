"""One field of the review form: its label, an editor, the crop of the paper it was read from,
and why it is flagged (yellow: doubtful or a warning, red: an error, with the message).

Dates are edited as the clerk writes them (dd/mm/yyyy) and stored as ISO; recipients one a line.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from dossier.fields import FIELD_LABELS
from dossier.review import DATE_FIELDS, LIST_FIELDS, FieldState, stored_value

from desktop.formatting import format_date

COLOURS = {"error": "#ffc9c9", "warning": "#fff1a8", "doubt": "#fff1a8"}
CROP_WIDTH, CROP_HEIGHT = 240, 30  # on screen; the pixmap itself keeps the bbox's size
def shown_value(name: str, value: str | list[str] | None) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(value)
    if name in DATE_FIELDS:
        try:
            return format_date(value)
        except ValueError:
            return value  # not a date yet: shown as read, validation says why
    return value


class CropView(QWidget):
    """The field's crop of the page, beside its editor. ``pixmap()`` is the crop at the bbox's
    own size; it is painted scaled down to fit the widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()
        self.setFixedSize(QSize(CROP_WIDTH, CROP_HEIGHT))

    def pixmap(self) -> QPixmap:
        return self._pixmap

    def set_image(self, image: QImage | None) -> None:
        self._pixmap = QPixmap.fromImage(image) if image is not None and not image.isNull() else QPixmap()
        height = CROP_HEIGHT
        if not self._pixmap.isNull():  # a block of lines (subject, recipients) gets the height it needs
            at_width = self._pixmap.height() * CROP_WIDTH / max(1, self._pixmap.width())
            if at_width > 2.5 * CROP_HEIGHT:
                height = int(min(at_width, 4 * CROP_HEIGHT))
        self.setFixedHeight(height)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pixmap.isNull():
            return
        painter = QPainter(self)
        size = self._pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        if size.width() > self._pixmap.width():  # never blown up past the scan's own pixels
            size = self._pixmap.size()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawPixmap(QRect(0, (self.height() - size.height()) // 2, size.width(), size.height()), self._pixmap)


class _ListEdit(QPlainTextEdit):
    """Recipients, one a line; Shift+Enter starts a new line, Enter accepts the field (a text
    editor takes Enter before any shortcut, so it says so itself: ``enter_pressed``)."""

    enter_pressed = Signal()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
                return
            if not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.enter_pressed.emit()
                return
        super().keyPressEvent(event)


class FieldRow(QFrame):
    """Emits ``focused(name)`` when its editor gets the focus and ``left(name)`` when it loses
    it (the view saves the value then)."""

    focused = Signal(str)
    left = Signal(str)
    enter_pressed = Signal()  # from the multi-line editor, where Enter is not a shortcut

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"field-{name}")
        self.saved = ""  # the text as last saved or loaded: what Esc goes back to
        self.label = QLabel(FIELD_LABELS.get(name, name))  # the design's Vietnamese names (dossier.fields)
        self.label.setObjectName("label")
        self.editor: QLineEdit | QPlainTextEdit
        if name in LIST_FIELDS:
            self.editor = _ListEdit()
            self.editor.setTabChangesFocus(True)
            self.editor.setFixedHeight(96)
            self.editor.enter_pressed.connect(self.enter_pressed)
        else:
            self.editor = QLineEdit()
        self.editor.setObjectName("editor")
        self.label.setBuddy(self.editor)
        self.mark = QLabel()
        self.mark.setObjectName("mark")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.crop = CropView()
        self.crop.setObjectName("crop")
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        grid.addWidget(self.label, 0, 0)
        grid.addWidget(self.mark, 0, 1, alignment=Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.editor, 1, 0, 1, 2, alignment=Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.crop, 1, 2, 2, 1, alignment=Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.message, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self.editor.installEventFilter(self)
        self.flag: str | None = None

    # -- value -------------------------------------------------------------------------------

    def text(self) -> str:
        return self.editor.toPlainText() if isinstance(self.editor, QPlainTextEdit) else self.editor.text()

    def set_text(self, text: str) -> None:
        if isinstance(self.editor, QPlainTextEdit):
            self.editor.setPlainText(text)
        else:
            self.editor.setText(text)
            self.editor.setCursorPosition(len(text))

    def value(self) -> str | list[str]:
        return stored_value(self.name, self.text())

    @property
    def changed(self) -> bool:
        return self.text() != self.saved

    def revert(self) -> None:
        self.set_text(self.saved)

    # -- state -------------------------------------------------------------------------------

    def show_state(self, state: FieldState, *, reload_text: bool) -> None:
        """Colours, message and marks from the field's state; the text too unless the clerk is
        typing in it (``reload_text`` False)."""
        if reload_text:
            self.saved = shown_value(self.name, state.value)
            self.set_text(self.saved)
        self.flag = state.flag
        colour = COLOURS.get(state.flag or "")
        self.editor.setStyleSheet(f"background: {colour}; color: black;" if colour else "")
        self.setProperty("flag", state.flag or "")
        messages = [p.message for p in state.problems]
        if state.flag == "doubt":
            messages.append(self.tr("Độ tin cậy thấp (%1%): đối chiếu với bản giấy.")
                            .replace("%1", str(round(state.confidence * 100))))
        self.message.setText("\n".join(messages))
        self.message.setStyleSheet("color: #b00000;" if state.flag == "error" else "color: #7a5a00;")
        self.message.setVisible(bool(messages))
        marks, tips = [], []
        if state.source in ("qr", "barcode"):
            marks.append(self.tr("QR") if state.source == "qr" else self.tr("Mã vạch"))
            tips.append(self.tr("Giá trị đọc từ mã QR") if state.source == "qr" else self.tr("Giá trị đọc từ mã vạch"))
        if state.corrected_from is not None:
            marks.append("✎")
            tips.append(self.tr("Đã tự sửa từ «%1»").replace("%1", state.corrected_from))
        if state.confirmed:
            marks.append("✔")
            tips.append(self.tr("Cán bộ đã kiểm tra hoặc sửa"))
        self.mark.setText(" ".join(marks))
        self.mark.setToolTip("\n".join(tips))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor:
            if event.type() == QEvent.Type.FocusIn:
                self.focused.emit(self.name)
            elif event.type() == QEvent.Type.FocusOut:
                self.left.emit(self.name)
        return False
