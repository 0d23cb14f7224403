"""The token picker: the PKCS#11 module (the configured one, the vendors' modules found on this
machine, or the demo identity), the tokens plugged in, and their certificates with the days
left; the choice goes into the workstation configuration.

Tokens are read on the "token" lane (a vendor module can take a second to answer); a
certificate that expired or cannot sign is listed but cannot be chosen, and one within
``WARN_DAYS`` of its end is marked, so the clerk renews it before the desk stops.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from dossier.config import Config, load_config, save_config
from dossier.demo_identity import DEMO_COMMON_NAME
from dossier.signing_setup import WARN_DAYS, Usability, certificate_state, signing_certificates
from signing.model import CertificateInfo, TokenInfo

from desktop.formatting import format_date
from desktop.screens.signing_errors import explain_signing

CHOICE_ROLE = Qt.ItemDataRole.UserRole + 1  # (serial, key id) of a certificate row
DEMO = ""  # the module "path" of the demo identity: nothing configured


def holder_of(subject: str) -> str:
    from dossier.signing_batch import common_name

    return common_name(subject)


def usability_text(info: CertificateInfo, now: datetime | None = None) -> str:
    state = certificate_state(info, now)
    if state.usability is Usability.EXPIRED:
        return QCoreApplication.translate("TokenPicker", "Đã hết hạn – không dùng được")
    if state.usability is Usability.NOT_YET_VALID:
        return QCoreApplication.translate("TokenPicker", "Chưa đến ngày hiệu lực – chưa dùng được")
    if state.usability is Usability.NOT_FOR_SIGNING:
        return QCoreApplication.translate("TokenPicker", "Không phải chứng thư ký – không dùng được")
    if state.usability is Usability.EXPIRING:
        return QCoreApplication.translate("TokenPicker", "Còn %1 ngày – sắp hết hạn, cần gia hạn").replace("%1", str(state.days_left))
    return QCoreApplication.translate("TokenPicker", "Còn %1 ngày").replace("%1", str(state.days_left))


def expiry_warning(info: CertificateInfo, now: datetime | None = None) -> str | None:
    """The warning a certificate within WARN_DAYS of its end earns (None otherwise)."""
    state = certificate_state(info, now)
    if state.usability is not Usability.EXPIRING:
        return None
    return QCoreApplication.translate(
        "TokenPicker", "Chứng thư số của %1 hết hạn ngày %2 (còn %3 ngày). Liên hệ nhà cung cấp để gia hạn "
        "trước ngày này, nếu không sẽ không ký được.").replace("%1", holder_of(info.subject)).replace(
        "%2", format_date(info.not_after)).replace("%3", str(state.days_left))


class TokenPicker(QDialog):
    """``chosen()`` is (module, serial, key id) of the selection; Save writes it to the config."""

    tokens_read = Signal()  # after a listing landed (or failed), for whoever waits on it

    def __init__(self, tasks: Any, parent: QWidget | None = None, config: Config | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("token-picker")
        self.setWindowTitle(self.tr("Chọn thẻ ký số"))
        self.resize(940, 440)
        self.tasks = tasks
        self.config = config or load_config()
        self.tokens: list[TokenInfo] = []
        self.saved: Config | None = None

        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Thư viện PKCS#11:")))
        self.module = QComboBox()
        self.module.setObjectName("module")
        self.module.setEditable(True)  # a province's own module path can be typed in
        self.module.setMinimumWidth(420)
        row.addWidget(self.module, 1)
        self.read_button = QPushButton(self.tr("Đọc thẻ"))
        self.read_button.setObjectName("read-tokens")
        row.addWidget(self.read_button)
        layout.addLayout(row)

        self.tree = QTreeWidget()
        self.tree.setObjectName("certificates")
        self.tree.setHeaderLabels([self.tr("Thẻ / người được cấp"), self.tr("Nhà cung cấp"),
                                   self.tr("Hiệu lực"), self.tr("Thời hạn")])
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 190)
        self.tree.setColumnWidth(2, 170)
        layout.addWidget(self.tree, 1)
        self.message = QLabel()
        self.message.setObjectName("picker-message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.warning = QLabel()
        self.warning.setObjectName("certificate-warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a04000; font-weight: bold;")
        self.warning.hide()
        layout.addWidget(self.warning)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Dùng thẻ này"))
        self.save_button.setObjectName("save-token")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._fill_modules()
        self.read_button.clicked.connect(self.read_tokens)
        self.module.activated.connect(lambda _index: self.read_tokens())
        self.tree.currentItemChanged.connect(lambda current, _previous: self._selected(current))
        self.read_tokens()

    # -- modules ---------------------------------------------------------------------------

    def _fill_modules(self) -> None:
        from signing.tokens import suggest_modules

        self.module.addItem(self.tr("Danh tính DEMO (mặc định, không có giá trị pháp lý)"), DEMO)
        seen = {DEMO}
        if self.config.pkcs11_module:
            self.module.addItem(self.tr("Đang dùng: %1").replace("%1", self.config.pkcs11_module),
                                self.config.pkcs11_module)
            seen.add(self.config.pkcs11_module)
        for vendor, path in suggest_modules():
            if path not in seen:
                self.module.addItem(f"{vendor} — {path}", path)
                seen.add(path)
        self.module.setCurrentIndex(1 if self.config.pkcs11_module else 0)

    def module_path(self) -> str:
        index = self.module.currentIndex()
        if index >= 0 and self.module.itemText(index) == self.module.currentText():
            return str(self.module.itemData(index) or "")
        return self.module.currentText().strip()  # typed in by hand

    def select_module(self, path: str) -> None:
        """Choose ``path`` (adding it to the list when it is not there) and read its tokens."""
        index = self.module.findData(path)
        if index < 0:
            self.module.addItem(path, path)
            index = self.module.count() - 1
        self.module.setCurrentIndex(index)
        self.read_tokens()

    # -- tokens ----------------------------------------------------------------------------

    def read_tokens(self) -> None:
        module = self.module_path()
        self.tree.clear()
        self.warning.hide()
        self.save_button.setEnabled(False)
        if module == DEMO:
            self._show_demo()
            self.tokens_read.emit()
            return
        self.message.setText(self.tr("Đang đọc thẻ…"))
        self.read_button.setEnabled(False)

        def work(progress: Any, cancel: Any) -> list[TokenInfo]:
            from signing.tokens import list_tokens

            return list_tokens(module)

        self.tasks.run(work, name=self.tr("Đọc thẻ ký số"), lane="token",
                       on_success=lambda tokens: self._show_tokens(module, tokens),
                       on_failure=self._listing_failed)

    def _listing_failed(self, error: BaseException) -> None:
        self.read_button.setEnabled(True)
        explained = explain_signing(error)
        self.message.setText(f"{explained.what} {explained.next_step}")
        self.tokens_read.emit()

    def _show_demo(self) -> None:
        item = QTreeWidgetItem([DEMO_COMMON_NAME, self.tr("tự ký, không ai tin cậy"), "", ""])
        item.setData(0, CHOICE_ROLE, ("", ""))
        self.tree.addTopLevelItem(item)
        self.tree.setCurrentItem(item)
        self.message.setText(self.tr("Danh tính DEMO ký được ngay, không cần thẻ, nhưng chữ ký không có giá trị "
                                     "pháp lý. Dùng để thử cả quy trình trước khi có thẻ ký số."))

    def _show_tokens(self, module: str, tokens: list[TokenInfo]) -> None:
        self.read_button.setEnabled(True)
        if module != self.module_path():
            return  # another module was chosen while this one was read
        self.tokens = tokens
        now = datetime.now(timezone.utc)
        chosen: QTreeWidgetItem | None = None
        first_usable: QTreeWidgetItem | None = None
        for token in tokens:
            top = QTreeWidgetItem([self.tr("%1 · số sê-ri %2").replace("%1", token.label or token.model)
                                   .replace("%2", token.serial), token.manufacturer, "", ""])
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(top)
            certificates = signing_certificates(token)
            if not certificates:
                QTreeWidgetItem(top, [self.tr("(không có chứng thư ký nào trên thẻ)"), "", "", ""]).setFlags(
                    Qt.ItemFlag.NoItemFlags)
            for info in certificates:
                validity = f"{format_date(info.not_before)} – {format_date(info.not_after)}"
                item = QTreeWidgetItem(top, [holder_of(info.subject), holder_of(info.issuer), validity,
                                             usability_text(info, now)])
                item.setToolTip(0, info.subject)
                item.setToolTip(1, info.issuer)
                item.setData(0, CHOICE_ROLE, (token.serial, info.key_id or ""))
                state = certificate_state(info, now)
                if not state.usability.can_sign:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable & ~Qt.ItemFlag.ItemIsEnabled)
                    item.setForeground(3, QBrush(QColor(170, 0, 0)))
                    continue
                if state.usability is Usability.EXPIRING:
                    item.setForeground(3, QBrush(QColor(160, 64, 0)))
                first_usable = first_usable or item
                if token.serial == self.config.token_serial and (info.key_id or "") == self.config.key_id.lower():
                    chosen = item
            top.setExpanded(True)
        if not tokens:
            self.message.setText(self.tr("Không thấy thẻ nào trong thư viện này. Cắm thẻ vào máy rồi bấm “Đọc thẻ”."))
        elif first_usable is None:
            self.message.setText(self.tr("Không có chứng thư nào dùng được để ký trên các thẻ này."))
        else:
            self.message.setText(self.tr("Chọn chứng thư dùng để ký. Chứng thư sắp hết hạn (dưới %1 ngày) được "
                                         "đánh dấu.").replace("%1", str(WARN_DAYS)))
        target = chosen or first_usable
        if target is not None:
            self.tree.setCurrentItem(target)
        self.tokens_read.emit()

    def certificate_of(self, serial: str, key_id: str) -> CertificateInfo | None:
        for token in self.tokens:
            if token.serial == serial:
                for info in signing_certificates(token):
                    if (info.key_id or "") == key_id:
                        return info
        return None

    def _selected(self, item: QTreeWidgetItem | None) -> None:
        choice = item.data(0, CHOICE_ROLE) if item is not None else None
        self.save_button.setEnabled(choice is not None)
        info = self.certificate_of(*choice) if choice and choice[0] else None
        warning = expiry_warning(info) if info is not None else None
        self.warning.setText(warning or "")
        self.warning.setVisible(bool(warning))

    def chosen(self) -> tuple[str, str, str] | None:
        item = self.tree.currentItem()
        choice = item.data(0, CHOICE_ROLE) if item is not None else None
        if choice is None:
            return None
        serial, key_id = choice
        return (self.module_path() if serial else DEMO), serial, key_id

    def save(self) -> None:
        choice = self.chosen()
        if choice is None:
            return
        module, serial, key_id = choice
        config = replace(load_config(), pkcs11_module=module, token_serial=serial, key_id=key_id)
        try:
            save_config(config)
        except (OSError, ValueError) as exc:
            from desktop.errors import show_error

            show_error(self, exc)
            return
        self.saved = config
        self.accept()
