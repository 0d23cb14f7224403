"""The settings dialog: the workstation's configuration (``dossier.config.Config``) as a form.

Saving checks in two steps: the values alone (``dossier.config.check``, on the UI thread, it
is instant), then the peers they name (``dossier.config_checks.check_all``: the store, the
PKCS#11 module, the TSA) on a background task, so a store that does not answer never freezes
the window. An error keeps the dialog open on the field at fault; warnings are listed and the
Save button becomes "Vẫn lưu" (save anyway): a store that is down today may be up tomorrow,
and the app works offline. The client secret goes to the OS keyring (``dossier.store_secret``)
and is never part of the form's Config, the saved file or an exported one.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from dossier.config import LEVELS, ROLES, STAMP_PROFILES, Config, ConfigError, check

ROLE_NAMES = {"clerk": QT_TRANSLATE_NOOP("SettingsDialog", "Cán bộ tiếp nhận (một cửa)"),
              "postal": QT_TRANSLATE_NOOP("SettingsDialog", "Nhân viên bưu điện"),
              "archivist": QT_TRANSLATE_NOOP("SettingsDialog", "Cán bộ lưu trữ")}
STAMP_NAMES = {"digitizer": QT_TRANSLATE_NOOP("SettingsDialog", "Dấu người số hóa"),
               "copy": QT_TRANSLATE_NOOP("SettingsDialog", "Dấu bản sao điện tử"),
               "none": QT_TRANSLATE_NOOP("SettingsDialog", "Không đóng dấu")}
LEVEL_NAMES = {"": QT_TRANSLATE_NOOP("SettingsDialog", "Tự chọn (B-LTA khi có máy chủ dấu thời gian, không thì B-B)")}
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}  # each in its own language, never translated

# Which tab holds each field, to show the one at fault.
TABS = {"operator": ("operator_name", "operator_role", "agency_name", "agency_code", "post_office"),
        "store": ("store_url", "store_client_id"),
        "signing": ("pkcs11_module", "token_serial", "key_id", "tsa_url", "signature_level", "stamp_profile"),
        "scan": ("scan_device", "scan_profile"),
        "general": ("workspace", "language", "qc_sample_percent")}


def _t(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


class SettingsDialog(QDialog):
    """Emits ``saved(config, where)`` after a save (where: "keyring", "session" or "" when no
    secret was typed). The screen gives ``run_task`` (the window's task runner: the checks and
    the scanner search run off the UI thread) and ``choose_token`` (the signing screen's picker)."""

    saved = Signal(object, str)

    def __init__(self, config: Config, parent: QWidget | None = None, *,
                 run_task: Callable[..., Any] | None = None,
                 choose_token: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings-dialog")
        self.setWindowTitle(self.tr("Cài đặt máy trạm"))
        self.setMinimumWidth(720)  # the placeholders say what an empty field means: keep them whole
        self.config = config
        self._run_task = run_task
        self._choose_token = choose_token
        self._confirmed: Config | None = None  # the config whose warnings the clerk has seen
        self.checking: Any = None  # the running check task

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings-tabs")
        self.edits: dict[str, QWidget] = {}
        self._build_operator()
        self._build_store()
        self._build_signing()
        self._build_scan()
        self._build_general()

        self.problems = QLabel()
        self.problems.setObjectName("settings-problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.hide()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("settings-save")
        self.save_button.setDefault(True)
        cancel = self.buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("settings-cancel")
        self.export_button = self.buttons.addButton(self.tr("Xuất tệp cấu hình…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("settings-export")
        self.import_button = self.buttons.addButton(self.tr("Nhập tệp cấu hình…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setObjectName("settings-import")
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        self.export_button.clicked.connect(self._ask_export)
        self.import_button.clicked.connect(self._ask_import)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.show_config(config)
        for widget in self.edits.values():  # any change means the warnings must be seen again
            signal = getattr(widget, "textChanged", None) or getattr(widget, "currentIndexChanged", None) \
                or getattr(widget, "valueChanged", None)
            signal.connect(self._edited)
        self.secret.textChanged.connect(self._edited)
        # Asked of the keyring once the id is typed, not at each key: a locked keyring may prompt.
        self.edits["store_client_id"].editingFinished.connect(self._update_secret_placeholder)  # type: ignore[attr-defined]

    # -- the form ------------------------------------------------------------------------------

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(f"setting-{name}")
        edit.setPlaceholderText(placeholder)
        self.edits[name] = edit
        return edit

    def _combo(self, name: str, items: list[tuple[str, str]], editable: bool = False) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"setting-{name}")
        combo.setEditable(editable)
        for value, text in items:
            combo.addItem(text, value)
        self.edits[name] = combo
        return combo

    def _page(self, key: str, title: str) -> QFormLayout:
        page = QWidget()
        page.setObjectName(f"settings-{key}")
        form = QFormLayout(page)
        self.tabs.addTab(page, title)
        return form

    def _build_operator(self) -> None:
        form = self._page("operator", self.tr("Người làm việc"))
        form.addRow(self.tr("Họ và tên:"), self._line("operator_name", self.tr("ghi vào nhật ký và biên bản")))
        form.addRow(self.tr("Vai trò:"), self._combo("operator_role", [(r, _t(ROLE_NAMES[r])) for r in ROLES]))
        form.addRow(self.tr("Tên cơ quan:"), self._line("agency_name", self.tr("ví dụ: UBND phường Bến Nghé")))
        form.addRow(self.tr("Mã cơ quan:"), self._line("agency_code", self.tr("mã định danh QCVN 102:2016, ví dụ 000.00.00.H38")))
        form.addRow(self.tr("Bưu cục:"), self._line("post_office", self.tr("nhân viên bưu điện: bưu cục ghi trên biên bản bàn giao")))

    def _build_store(self) -> None:
        from dossier.store_secret import keyring_usable

        form = self._page("store", self.tr("Kho dữ liệu"))
        form.addRow(self.tr("Địa chỉ kho:"), self._line("store_url", self.tr("để trống: kho dữ liệu tích hợp trên máy này")))
        form.addRow(self.tr("Mã máy trạm (client id):"), self._line("store_client_id"))
        self.secret = QLineEdit()
        self.secret.setObjectName("setting-store_secret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Khóa bí mật (client secret):"), self.secret)
        self.keyring_usable = keyring_usable()
        self.secret_note = QLabel()
        self.secret_note.setObjectName("settings-secret-note")
        self.secret_note.setWordWrap(True)
        if self.keyring_usable:
            self.secret_note.setText(self.tr("Khóa bí mật được cất trong kho khóa của hệ điều hành, không ghi vào "
                                             "tệp cấu hình nào."))
        else:
            self.secret_note.setText(self.tr("Máy này không có kho khóa của hệ điều hành (Secret Service, Windows "
                                             "Credential Manager, Keychain): khóa bí mật chỉ được giữ trong bộ nhớ "
                                             "đến khi đóng ứng dụng, không ghi ra tệp nào; mở lại ứng dụng thì nhập "
                                             "lại."))
        form.addRow(self.secret_note)

    def _build_signing(self) -> None:
        form = self._page("signing", self.tr("Ký số"))
        self.token_button = QPushButton(self.tr("Chọn thẻ ký số…"))
        self.token_button.setObjectName("settings-choose-token")
        self.token_button.setEnabled(self._choose_token is not None)
        if self._choose_token is None:
            self.token_button.setToolTip(self.tr("Màn hình ký số chưa có trên máy này: nhập đường dẫn mô-đun."))
        self.token_button.clicked.connect(self.choose_token)
        form.addRow(self.token_button)
        form.addRow(self.tr("Mô-đun PKCS#11:"), self._line("pkcs11_module", self.tr("để trống: chữ ký DEMO (không có giá trị pháp lý)")))
        form.addRow(self.tr("Số sê-ri thẻ:"), self._line("token_serial"))
        form.addRow(self.tr("Mã khóa (key id):"), self._line("key_id", self.tr("số hex, ví dụ a1b2")))
        form.addRow(self.tr("Máy chủ dấu thời gian (TSA):"), self._line("tsa_url", "https://…"))
        form.addRow(self.tr("Mức chữ ký PAdES:"),
                    self._combo("signature_level", [(lv, _t(LEVEL_NAMES[lv]) if lv in LEVEL_NAMES else lv) for lv in LEVELS]))
        form.addRow(self.tr("Mẫu dấu:"), self._combo("stamp_profile", [(s, _t(STAMP_NAMES[s])) for s in STAMP_PROFILES]))

    def _build_scan(self) -> None:
        from scanner.profiles import DEFAULT_PROFILES

        from desktop.intake import PROFILE_NAMES

        form = self._page("scan", self.tr("Quét"))
        device = self._combo("scan_device", [("", self.tr("Máy quét đầu tiên tìm thấy"))], editable=False)
        self.find_button = QPushButton(self.tr("Tìm máy quét"))
        self.find_button.setObjectName("settings-find-devices")
        self.find_button.clicked.connect(self.find_devices)
        row = QHBoxLayout()
        row.addWidget(device, 1)
        row.addWidget(self.find_button)
        form.addRow(self.tr("Máy quét:"), row)
        profiles = [("", self.tr("Theo màn hình quét"))]
        profiles += [(name, QCoreApplication.translate("IntakePanel", PROFILE_NAMES[name]) if name in PROFILE_NAMES
                      else name) for name in DEFAULT_PROFILES]
        form.addRow(self.tr("Cấu hình quét:"), self._combo("scan_profile", profiles))
        self.device_note = QLabel()
        self.device_note.setObjectName("settings-device-note")
        self.device_note.setWordWrap(True)
        form.addRow(self.device_note)

    def _build_general(self) -> None:
        form = self._page("general", self.tr("Chung"))
        folder = self._line("workspace", self.tr("để trống: thư mục dữ liệu của người dùng"))
        browse = QPushButton(self.tr("Chọn…"))
        browse.setObjectName("settings-browse-workspace")
        browse.clicked.connect(self._ask_workspace)
        row = QHBoxLayout()
        row.addWidget(folder, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Thư mục kho làm việc:"), row)
        form.addRow(self.tr("Ngôn ngữ:"), self._combo("language", list(LANGUAGE_NAMES.items())))
        percent = QSpinBox()
        percent.setObjectName("setting-qc_sample_percent")
        percent.setRange(0, 100)
        percent.setSuffix(" %")
        self.edits["qc_sample_percent"] = percent
        form.addRow(self.tr("Tỷ lệ kiểm tra lại của lô:"), percent)
        note = QLabel(self.tr("Ngôn ngữ mới được dùng ngay khi lưu; thư mục kho làm việc mới từ lần mở ứng dụng sau."))
        note.setWordWrap(True)
        form.addRow(note)

    # -- between the form and a Config -----------------------------------------------------------

    def show_config(self, config: Config) -> None:
        for f in fields(Config):
            widget = self.edits[f.name]
            value = getattr(config, f.name)
            if isinstance(widget, QLineEdit):
                widget.setText(str(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QComboBox):
                index = widget.findData(value)
                if index < 0:  # a device not listed yet, or a value from an imported file
                    widget.addItem(str(value), value)
                    index = widget.count() - 1
                widget.setCurrentIndex(index)
        self._update_secret_placeholder()

    def form_config(self) -> Config:
        """The Config the form shows (not checked)."""
        values: dict[str, Any] = {}
        for f in fields(Config):
            widget = self.edits[f.name]
            if isinstance(widget, QLineEdit):
                values[f.name] = widget.text().strip()
            elif isinstance(widget, QSpinBox):
                values[f.name] = widget.value()
            elif isinstance(widget, QComboBox):
                values[f.name] = widget.currentData() if widget.currentData() is not None else widget.currentText()
        return replace(self.config, **values)

    def _update_secret_placeholder(self, *_: Any) -> None:
        from dossier.store_secret import secret_for

        client_id = self.edits["store_client_id"].text().strip()  # type: ignore[attr-defined]
        kept = bool(client_id) and secret_for(client_id) is not None
        self.secret.setPlaceholderText(self.tr("đã có (để trống: giữ nguyên)") if kept else "")

    def _edited(self, *_: Any) -> None:
        self._confirmed = None
        self.save_button.setText(self.tr("Lưu"))

    def say(self, lines: list[str], *, error: bool) -> None:
        self.problems.setText("\n".join(lines))
        self.problems.setStyleSheet("color: #b00020;" if error else "color: #8a5a00;")
        self.problems.setVisible(bool(lines))
        if self.height() < self.sizeHint().height():  # the message whole, not cut at the dialog's edge
            self.resize(self.width(), self.sizeHint().height())

    def _show_field(self, name: str) -> None:
        for index, (_key, names) in enumerate(TABS.items()):
            if name in names:
                self.tabs.setCurrentIndex(index)
                self.edits[name].setFocus()
                return

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> None:
        """Check, then save (see the module docstring); a second press after warnings saves."""
        if self.checking is not None:
            return
        config = self.form_config()
        try:
            check(config)
        except ConfigError as exc:
            self.say([str(exc)], error=True)
            return
        if self._confirmed == config:
            self._save(config)
            return
        from dossier.config_checks import check_all
        from dossier.store_secret import secret_for

        typed = self.secret.text()

        def work(_progress: Any, _cancel: Any) -> list[Any]:  # the keyring too is asked off the UI thread
            return check_all(config, typed or secret_for(config.store_client_id))

        self.say([self.tr("Đang kiểm tra kho dữ liệu, thẻ ký số và máy chủ dấu thời gian…")], error=False)
        self.save_button.setEnabled(False)

        def done(problems: list[Any]) -> None:
            self.checking = None
            self.save_button.setEnabled(True)
            self._checked(config, problems)

        def failed(exc: BaseException) -> None:
            from desktop.errors import explain

            self.checking = None
            self.save_button.setEnabled(True)
            self.say([explain(exc).what], error=True)

        if self._run_task is None:  # no window to run it on (used alone): check here
            done(work(None, None))
            return
        self.checking = self._run_task(work, name=self.tr("Kiểm tra cài đặt"), on_success=done, on_failure=failed)

    def _checked(self, config: Config, problems: list[Any]) -> None:
        if config != self.form_config():  # edited while it was checked: check again on Save
            self.say([self.tr("Cài đặt đã đổi trong lúc kiểm tra; bấm Lưu để kiểm tra lại.")], error=False)
            return
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            self.say([p.message for p in errors], error=True)
            self._show_field(errors[0].field)
            return
        if problems:
            self.say([p.message for p in problems] + [self.tr("Bấm “Vẫn lưu” để lưu như vậy, hoặc sửa rồi bấm Lưu.")],
                     error=False)
            self._confirmed = config
            self.save_button.setText(self.tr("Vẫn lưu"))
            self._show_field(problems[0].field)
            return
        self._save(config)

    def _save(self, config: Config) -> None:
        from dossier.config import save_config
        from dossier.store_secret import keep_secret

        where = ""
        try:
            if self.secret.text():
                if not config.store_client_id:
                    self.say([self.tr("Cần nhập mã máy trạm (client id) cùng với khóa bí mật.")], error=True)
                    return
                where = keep_secret(config.store_client_id, self.secret.text())
            save_config(config)
        except (ConfigError, OSError) as exc:
            from desktop.errors import explain

            self.say([str(exc) if isinstance(exc, ConfigError) else explain(exc).what], error=True)
            return
        self.secret.clear()
        self.config = config
        self.saved.emit(config, where)
        self.accept()

    # -- the signing token, the scanners -----------------------------------------------------------

    def choose_token(self) -> None:
        """The signing screen's token picker saves its choice into the configuration; show it here."""
        if self._choose_token is None or not self._choose_token():
            return
        from dossier.config import load_config

        try:
            chosen = load_config()
        except ConfigError as exc:
            self.say([str(exc)], error=True)
            return
        for name in ("pkcs11_module", "token_serial", "key_id"):
            self.edits[name].setText(getattr(chosen, name))  # type: ignore[attr-defined]

    def find_devices(self) -> Any:
        """List the scanners off the UI thread (a network driver may take seconds)."""
        from scanner.service import list_devices

        self.find_button.setEnabled(False)
        self.device_note.setText(self.tr("Đang tìm máy quét…"))
        if self._run_task is None:
            self._devices_found(list_devices())
            return None
        return self._run_task(lambda progress, cancel: list_devices(), name=self.tr("Tìm máy quét"),
                              on_success=self._devices_found, on_failure=self._devices_failed)

    def _devices_found(self, infos: list[Any]) -> None:
        self.find_button.setEnabled(True)
        combo: QComboBox = self.edits["scan_device"]  # type: ignore[assignment]
        chosen = combo.currentData()
        combo.clear()
        combo.addItem(self.tr("Máy quét đầu tiên tìm thấy"), "")
        for info in infos:
            combo.addItem(f"{info.device.name} ({info.device.id})", info.device.id)
        if chosen and combo.findData(chosen) < 0:
            combo.addItem(self.tr("%1 (không thấy lúc này)").replace("%1", chosen), chosen)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        self.device_note.setText(self.tr("Tìm thấy %n máy quét.", "", len(infos)) if infos else
                                 self.tr("Không tìm thấy máy quét nào. Kiểm tra máy đã bật và đã cắm cáp."))

    def _devices_failed(self, error: BaseException) -> None:
        from desktop.errors import explain

        self.find_button.setEnabled(True)
        self.device_note.setText(explain(error).what)

    # -- files -------------------------------------------------------------------------------------

    def export_to(self, path: Path) -> Path | None:
        """The form's settings as a deployment file (no secret, no operator, no token)."""
        from dossier.config import export_config

        try:
            written = export_config(self.form_config(), Path(path))
        except (ConfigError, OSError) as exc:
            self.say([str(exc)], error=True)
            return None
        self.say([self.tr("Đã xuất cài đặt ra %1 (không gồm khóa bí mật, tên người làm việc và thẻ ký số).")
                  .replace("%1", str(written))], error=False)
        return written

    def import_from(self, path: Path) -> Config | None:
        """Fill the form from a deployment file; nothing is saved until Save."""
        from dossier.config import import_config

        try:
            imported = import_config(Path(path), self.form_config())
        except ConfigError as exc:
            self.say([str(exc)], error=True)
            return None
        self.show_config(imported)
        self.say([self.tr("Đã nhập cài đặt từ %1; kiểm tra rồi bấm Lưu để dùng.").replace("%1", str(path))], error=False)
        return imported

    def _file_dialog(self, title: str, accept: QFileDialog.AcceptMode, on_chosen: Callable[[Path], Any]) -> QFileDialog:
        dialog = QFileDialog(self, title, "", self.tr("Tệp cấu hình SoHoa (*.json)"))
        dialog.setObjectName("settings-file-dialog")
        dialog.setAcceptMode(accept)
        dialog.setDefaultSuffix("json")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: on_chosen(Path(name)))
        dialog.open()  # window-modal, not exec'd: the event loop keeps running
        return dialog

    def _ask_export(self) -> QFileDialog:
        dialog = self._file_dialog(self.tr("Xuất tệp cấu hình"), QFileDialog.AcceptMode.AcceptSave, self.export_to)
        dialog.selectFile("sohoa-cau-hinh.json")
        return dialog

    def _ask_import(self) -> QFileDialog:
        return self._file_dialog(self.tr("Nhập tệp cấu hình"), QFileDialog.AcceptMode.AcceptOpen, self.import_from)

    def _ask_workspace(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Thư mục kho làm việc"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.edits["workspace"].setText(name))  # type: ignore[attr-defined]
        dialog.open()
        return dialog
