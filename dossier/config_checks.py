"""Checks of a configuration against the world outside the file, run before it is saved.

``dossier.config.check`` looks at the values alone; these ask the peers they name: does the
data store answer (and accept this desk's client id and secret), does the PKCS#11 module load
and show the chosen token, does the timestamp server answer, can the workspace folder be written. Each is quick (a few seconds at
most, bounded by timeouts) and meant to run off the UI thread. What they find is a list of
``Problem``: an error stops the save (the value is certainly wrong), a warning is said and
the clerk may save anyway (a store or TSA that is down today may be up tomorrow; the app
works offline and sends later).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dossier.config import Config, ConfigError, check

TIMEOUT_S = 4.0  # one unanswered peer must not keep the clerk waiting longer than this


@dataclass(frozen=True)
class Problem:
    severity: Literal["error", "warning"]
    field: str  # the Config field it is about ("" for the whole file)
    message: str  # Vietnamese, for the clerk


def check_all(config: Config, secret: str | None = None, *, timeout: float = TIMEOUT_S) -> list[Problem]:
    """Every problem of ``config``; ``secret`` is the store client secret typed or kept for it."""
    try:
        check(config)
    except ConfigError as exc:
        return [Problem("error", "", str(exc))]
    problems: list[Problem] = []
    if config.store_url:
        problems += check_store(config.store_url, config.store_client_id, secret, timeout=timeout)
    if config.pkcs11_module:
        problems += check_module(config.pkcs11_module, config.token_serial, config.key_id)
    if config.tsa_url:
        problems += check_tsa(config.tsa_url, timeout=timeout)
    if config.workspace:
        problems += check_workspace(config.workspace)
    return problems


def check_workspace(folder: str) -> list[Problem]:
    """The workspace folder can be made and written (it is opened at the next start: a bad
    one would stop the app there, not here). Nothing is created by the check."""
    import os
    from pathlib import Path

    path = Path(folder).expanduser()
    if not path.is_absolute():
        return [Problem("error", "workspace", f"Thư mục kho làm việc phải là đường dẫn đầy đủ: {folder!r}.")]
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        return [Problem("error", "workspace", f"Không tạo hoặc ghi được thư mục kho làm việc {path} "
                                              f"({existing} không phải thư mục ghi được).")]
    return []


def check_store(url: str, client_id: str, secret: str | None, *, timeout: float = TIMEOUT_S) -> list[Problem]:
    """Ask the store for a token with this desk's credentials (the store's own sign-in, the
    request every upload starts with); without a secret only whether it answers at all."""
    import requests

    from datastore.client import AuthenticationFailed, StoreClient, Timeouts, TransientError
    from datastore.credentials import StoreCredentials

    if not client_id:
        return [Problem("error", "store_client_id", "Cần nhập mã máy trạm (client id) do kho dữ liệu cấp.")]
    if secret:
        client = StoreClient(StoreCredentials(url.rstrip("/"), client_id, secret),
                             timeouts=Timeouts(connect=timeout, read=timeout))
        try:
            client.token()
        except AuthenticationFailed:
            return [Problem("error", "store_client_id",
                            f"Kho dữ liệu {url} từ chối mã máy trạm {client_id} hoặc khóa bí mật. "
                            "Kiểm tra lại hai mục này với bộ phận quản trị kho.")]
        except TransientError:
            return [_unreachable(url)]
        except (requests.RequestException, ValueError, KeyError):
            return [Problem("warning", "store_url", f"{url} trả lời nhưng không giống kho dữ liệu SoHoa "
                                                    "(không cấp được mã truy cập).")]
        return []
    try:
        requests.post(f"{url.rstrip('/')}/oauth/token", data={"grant_type": "client_credentials"},
                      timeout=(timeout, timeout))
    except requests.RequestException:
        return [_unreachable(url)]
    return [Problem("warning", "store_client_id",
                    "Chưa có khóa bí mật (client secret) của máy trạm: chưa gửi được tài liệu lên kho.")]


def _unreachable(url: str) -> Problem:
    return Problem("warning", "store_url",
                   f"Kho dữ liệu {url} không trả lời. Kiểm tra địa chỉ và mạng; nếu lưu, tài liệu sẽ chờ "
                   "trong hộp thư đi và được gửi khi kho trả lời.")


def check_module(module: str, token_serial: str = "", key_id: str = "") -> list[Problem]:
    """Load the PKCS#11 module and find the chosen token and key among those plugged in."""
    from signing.errors import SigningError
    from signing.tokens import list_tokens

    try:
        tokens = list_tokens(module)
    except SigningError:
        return [Problem("error", "pkcs11_module",
                        f"Không nạp được mô-đun PKCS#11 {module}. Kiểm tra đường dẫn và phần mềm của thẻ ký số "
                        "(do nhà cung cấp chứng thư số cài).")]
    if not token_serial:
        return [] if tokens else [Problem("warning", "pkcs11_module",
                                          "Mô-đun PKCS#11 nạp được nhưng không thấy thẻ ký số nào đang cắm.")]
    token = next((t for t in tokens if t.serial == token_serial), None)
    if token is None:
        return [Problem("warning", "token_serial",
                        f"Không thấy thẻ ký số số sê-ri {token_serial} đang cắm; cắm thẻ trước khi ký.")]
    if key_id and key_id.lower() not in {c.key_id.lower() for c in token.certificates} | set(token.key_ids):
        return [Problem("error", "key_id", f"Thẻ {token_serial} không có khóa mã {key_id}.")]
    return []


def check_tsa(url: str, *, timeout: float = TIMEOUT_S) -> list[Problem]:
    """Whether the timestamp server answers at all (any HTTP answer: RFC 3161 servers take
    POSTed requests only, so a plain GET may well get an error page, which is fine here)."""
    import requests

    try:
        requests.get(url, timeout=(timeout, timeout))
    except requests.RequestException:
        return [Problem("warning", "tsa_url",
                        f"Máy chủ dấu thời gian {url} không trả lời; chữ ký mức B-T trở lên sẽ không ký được "
                        "cho tới khi máy chủ trả lời.")]
    return []
