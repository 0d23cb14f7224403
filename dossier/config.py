"""The workstation's configuration: who works here, for which agency, which store, which key.

One small JSON file per user (``SOHOA_CONFIG``, else the user's config folder), read by the
desktop app and the command line alike, and exported/imported as the same file to set up many
desks at once. Secrets are never part of it: the store's client secret lives in the OS keyring
(``datastore.credentials``), a PIN is asked when it is needed. Every field has a built-in
default that works with nothing configured: the embedded store, the demo signing identity,
the workspace in the user's data folder.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

ROLES = ("clerk", "postal", "archivist")
STAMP_PROFILES = ("digitizer", "copy", "none")
LEVELS = ("", "B-B", "B-T", "B-LT", "B-LTA")  # "": B-LTA with a TSA, B-B without
LANGUAGES = ("vi", "en")
# What is personal to one desk: left out of an exported file, kept on import.
DESK_FIELDS = ("operator_name", "token_serial", "key_id")
FORMAT = "sohoa-config"
VERSION = 1


class ConfigError(ValueError):
    """A configuration file or value that cannot be used; the message is for the clerk."""


@dataclass(frozen=True)
class Config:
    """Empty strings mean "the built-in default" (see the module docstring)."""

    operator_name: str = ""
    operator_role: str = "clerk"
    agency_name: str = ""
    agency_code: str = ""  # QCVN 102:2016, e.g. 000.00.00.H38: issues dossier codes offline
    post_office: str = ""  # postal staff: the post office named on handover lists
    store_url: str = ""  # "": the embedded reference store on 127.0.0.1
    store_client_id: str = ""
    pkcs11_module: str = ""  # "": the demo identity (no legal value) until a token is chosen
    token_serial: str = ""
    key_id: str = ""  # hex CKA_ID of the signing key on the token
    tsa_url: str = ""
    signature_level: str = ""
    stamp_profile: str = "digitizer"
    scan_device: str = ""
    scan_profile: str = ""
    workspace: str = ""  # "": the user's data folder (dossier.settings.workspace_dir)
    language: str = "vi"
    qc_sample_percent: int = 10  # archivists: share of a batch shown again before signing

    @property
    def uses_embedded_store(self) -> bool:
        return not self.store_url

    @property
    def uses_demo_identity(self) -> bool:
        return not self.pkcs11_module


def config_path() -> Path:
    env = os.environ.get("SOHOA_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("sohoa", appauthor=False)) / "settings.json"


def check(config: Config) -> Config:
    """The value checks that need nothing outside the file; raises ConfigError (Vietnamese)."""
    if config.operator_role not in ROLES:
        raise ConfigError(f"Vai trò không hợp lệ: {config.operator_role!r} (chọn một trong {', '.join(ROLES)}).")
    if config.stamp_profile not in STAMP_PROFILES:
        raise ConfigError(f"Mẫu dấu không hợp lệ: {config.stamp_profile!r}.")
    if config.signature_level not in LEVELS:
        raise ConfigError(f"Mức chữ ký không hợp lệ: {config.signature_level!r} (B-B, B-T, B-LT hoặc B-LTA).")
    if config.language not in LANGUAGES:
        raise ConfigError(f"Ngôn ngữ không hợp lệ: {config.language!r} (vi hoặc en).")
    if not 0 <= config.qc_sample_percent <= 100:
        raise ConfigError("Tỷ lệ kiểm tra lại phải từ 0 đến 100 %.")
    if config.key_id:
        try:
            bytes.fromhex(config.key_id)
        except ValueError:
            raise ConfigError(f"Mã khóa (key id) phải là số hex: {config.key_id!r}.") from None
    for name in ("store_url", "tsa_url"):
        url = getattr(config, name)
        if url and not url.startswith(("https://", "http://")):
            raise ConfigError(f"Địa chỉ phải bắt đầu bằng https:// hoặc http://: {url!r}.")
    if config.agency_code:
        from dossier.codes import InvalidCode, validate_agency  # the pattern dossier codes use

        try:
            validate_agency(config.agency_code)
        except InvalidCode:
            raise ConfigError(f"Mã cơ quan không đúng dạng QCVN 102:2016 (ví dụ 000.00.00.H38): "
                              f"{config.agency_code!r}.") from None
    return config


def from_mapping(data: Any) -> Config:
    """A Config from parsed JSON; unknown keys and wrong types are errors, missing keys defaults."""
    if not isinstance(data, dict):
        raise ConfigError("Tệp cấu hình không đúng định dạng của SoHoa.")
    data = {k: v for k, v in data.items() if k not in ("format", "version")}
    known = {f.name: f for f in fields(Config)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ConfigError(f"Tệp cấu hình có mục không biết: {', '.join(unknown)}.")
    values: dict[str, Any] = {}
    for name, value in data.items():
        wanted = int if known[name].type in ("int", int) else str
        if wanted is int and isinstance(value, bool) or not isinstance(value, wanted):
            raise ConfigError(f"Mục {name} của tệp cấu hình phải là {'số' if wanted is int else 'chuỗi'}.")
        values[name] = value.strip() if isinstance(value, str) else value
    return check(Config(**values))


def to_mapping(config: Config) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, **asdict(config)}


def load_config(path: Path | None = None) -> Config:
    """The saved configuration, or the built-in defaults when none was saved."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise ConfigError(f"Không đọc được tệp cấu hình {path}: {exc.strerror}.") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"Tệp cấu hình {path} bị hỏng (dòng {exc.lineno}); sửa hoặc nhập lại tệp cấu hình.") from exc
    return from_mapping(data)


def save_config(config: Config, path: Path | None = None) -> Path:
    """Write durably (temporary file, fsync, rename): a crash leaves the old file or the new."""
    path = path or config_path()
    check(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump(to_mapping(config), out, ensure_ascii=False, indent=2)
        out.write("\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
    return path


def export_config(config: Config, path: Path) -> Path:
    """The file to copy to other desks. The config holds no secret, so nothing is left out but
    what is personal to this desk: the operator and the token chosen here."""
    return save_config(replace(config, **{name: "" for name in DESK_FIELDS}), path)


def import_config(path: Path, current: Config | None = None) -> Config:
    """A deployment file read over ``current``: this desk's operator and token stay."""
    if not Path(path).exists():
        raise ConfigError(f"Không tìm thấy tệp cấu hình {path}.")
    imported = load_config(Path(path))
    current = current or Config()
    keep = {name: getattr(current, name) for name in DESK_FIELDS if not getattr(imported, name)}
    return replace(imported, **keep)
