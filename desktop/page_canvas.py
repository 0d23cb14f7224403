"""The page beside the review form: the selected field's box highlighted, zoom and pan, and a
box drawn with the mouse to read a region the extraction missed.

Coordinates in and out are the page image's pixels (as extraction's bboxes are).
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QMouseEvent, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QRubberBand, QWidget

ZOOM_STEP = 1.25


class PageCanvas(QGraphicsView):
    """Emits ``region_drawn(x0, y0, x1, y1)`` when the clerk draws a box (left button drag)."""

    region_drawn = Signal(int, int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-canvas")
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self._pixmap_item = self._scene.addPixmap(QPixmap())
        pen = QPen(QColor(220, 30, 30), 3)
        pen.setCosmetic(True)  # the same width at any zoom
        self.highlight = self._scene.addRect(QRectF(), pen, QBrush(QColor(255, 220, 0, 70)))
        self.highlight.setZValue(1)
        self.highlight.hide()
        self._band = QRubberBand(QRubberBand.Shape.Rectangle, self.viewport())
        self._origin: QPoint | None = None
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor(90, 90, 90))

    def set_page(self, pixmap: QPixmap | None) -> None:
        self._pixmap_item.setPixmap(pixmap or QPixmap())
        self._scene.setSceneRect(QRectF(self._pixmap_item.boundingRect()))
        self.highlight.hide()
        self.fit_width()

    @property
    def page_size(self) -> QSize:
        return self._pixmap_item.pixmap().size()

    def fit_width(self) -> None:
        width = self.page_size.width()
        if width > 0:
            self.resetTransform()
            scale = max(0.05, (self.viewport().width() - 4) / width)
            self.scale(scale, scale)

    def show_box(self, bbox: tuple[int, int, int, int] | None) -> None:
        """Highlight the field's box and bring it into view (None: no box)."""
        if bbox is None:
            self.highlight.hide()
            return
        x0, y0, x1, y1 = bbox
        self.highlight.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self.highlight.show()
        self.ensureVisible(self.highlight.rect(), 40, 40)

    def zoom(self, factor: float) -> None:
        self.scale(factor, factor)

    # Ctrl+wheel zooms, the wheel alone scrolls (pans); +/- and 0 from the keyboard.
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) or event.matches(QKeySequence.StandardKey.ZoomIn):
            self.zoom(ZOOM_STEP)
        elif event.key() == Qt.Key.Key_Minus or event.matches(QKeySequence.StandardKey.ZoomOut):
            self.zoom(1 / ZOOM_STEP)
        elif event.key() == Qt.Key.Key_0:
            self.fit_width()
        else:
            super().keyPressEvent(event)

    # Drawing a box: the rubber band follows the mouse; on release its rectangle, in image pixels.
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self.page_size.isEmpty():
            self._origin = event.position().toPoint()
            self._band.setGeometry(QRect(self._origin, QSize()))
            self._band.show()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._origin is not None:
            self._band.setGeometry(QRect(self._origin, event.position().toPoint()).normalized())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._origin is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        view_rect = QRect(self._origin, event.position().toPoint()).normalized()
        self._origin = None
        self._band.hide()
        scene = self.mapToScene(view_rect).boundingRect().intersected(self._scene.sceneRect())
        if scene.width() >= 4 and scene.height() >= 4:
            self.show_box((int(scene.left()), int(scene.top()), int(scene.right()), int(scene.bottom())))
            self.region_drawn.emit(int(scene.left()), int(scene.top()), int(scene.right()), int(scene.bottom()))
        event.accept()
