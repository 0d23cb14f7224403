"""The large page view: one page at reading size, zoom with Ctrl+wheel or +/-, pan by dragging
(or the arrow keys and scroll bars). The image is decoded off the UI thread."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeyEvent, QPainter, QPixmap, QWheelEvent
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

from dossier.model import Page
from dossier.workspace import Workspace

from desktop.tasks import Tasks
from desktop.thumbnails import page_image

VIEW_SIZE = 2200  # pixels on the long side: 200 dpi of an A4 page, sharp at 100 % on a laptop
ZOOM_STEP = 1.25


class PageViewer(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page-viewer")
        self.setScene(QGraphicsScene(self))
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.page: Page | None = None
        self.zoom = 1.0
        self._fit = True
        self._ticket = 0

    def show_page(self, workspace: Workspace, tasks: Tasks, page: Page | None) -> None:
        if page is not None and self.page is not None and self.has_image and _look(page) == _look(self.page):
            self.page = page  # the same image, turned the same way (shown, or on its way): not decoded again
            return
        self.page = page
        self._ticket += 1
        ticket = self._ticket
        if page is None:
            self._item.setPixmap(QPixmap())
            return
        tasks.run(lambda progress, cancel: page_image(workspace, page, VIEW_SIZE), lane="page-viewer",
                  on_success=lambda image: self._loaded(ticket, image))

    def _loaded(self, ticket: int, image: QImage) -> None:
        if ticket != self._ticket:  # the clerk has moved on to another page
            return
        self._item.setPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(self._item.boundingRect())
        if self._fit:
            self.fit()

    @property
    def has_image(self) -> bool:
        return not self._item.pixmap().isNull()

    def fit(self) -> None:
        self._fit = True
        self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoom = self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        self._fit = False
        new = min(max(self.zoom * factor, 0.05), 8.0)
        self.scale(new / self.zoom, new / self.zoom)
        self.zoom = new

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif event.key() == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        elif event.key() == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if self._fit and self.has_image:
            self.fit()


def _look(page: Page) -> tuple[int, str, int]:
    return page.id, page.image_sha256, page.rotation
