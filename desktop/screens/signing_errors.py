"""What went wrong with a signature, as the clerk reads it: what, and what to do next.

The signing core says why in English (``signing.errors``: a PIN refused with the token's own
hint about the tries left, a certificate refused with its date); this turns each into
Vietnamese with the step that helps. A PIN is never part of any message.
"""
from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QCoreApplication

from signing.errors import CertificateRefused, PinError, SigningError, TokenError

from desktop.errors import Explained, explain


def tries_left(hint: str | None) -> str:
    """The token's PIN counter (PKCS#11 reports it as flags, not as a number)."""
    if hint and "locked" in hint:
        return QCoreApplication.translate("SigningErrors", "Thẻ đã bị khóa vì nhập sai mã PIN quá số lần cho phép.")
    if hint and "one try" in hint:
        return QCoreApplication.translate("SigningErrors", "Chỉ còn 1 lần thử: nhập sai lần nữa thẻ sẽ bị khóa.")
    if hint and "few tries" in hint:
        return QCoreApplication.translate("SigningErrors", "Chỉ còn ít lần thử trước khi thẻ bị khóa.")
    return QCoreApplication.translate("SigningErrors", "Thẻ chưa báo sắp hết lần thử; phần lớn thẻ bị khóa sau 3 đến 10 lần nhập sai liên tiếp.")


def _day(text: str) -> str:
    found = re.search(r"(\d{4}-\d{2}-\d{2})", text)
    return date.fromisoformat(found.group(1)).strftime("%d/%m/%Y") if found else ""


def explain_signing(error: BaseException) -> Explained:
    """Explained for the signing core's errors; any other error as ``desktop.errors.explain``."""
    message = str(error)
    if isinstance(error, PinError):
        if "needs a PIN" in message:
            return Explained(QCoreApplication.translate("SigningErrors", "Thẻ ký số cần mã PIN nhưng chưa có mã nào được nhập. Chưa ký tài liệu nào."),
                             QCoreApplication.translate("SigningErrors", "Ký lại và nhập mã PIN của thẻ vào hộp thoại."))
        if "locked" in (error.tries_hint or "") or "is locked" in message:
            return Explained(QCoreApplication.translate("SigningErrors", "Thẻ ký số đã bị khóa mã PIN. Chưa ký tài liệu nào.") + " " + tries_left(error.tries_hint),
                             QCoreApplication.translate("SigningErrors", "Mở khóa thẻ bằng mã PUK (SO PIN) hoặc phần mềm của nhà cung cấp chứng thư số, "
                                 "rồi ký lại."))
        return Explained(QCoreApplication.translate("SigningErrors", "Thẻ ký số không nhận mã PIN vừa nhập. Chưa ký tài liệu nào.") + " "
                         + tries_left(error.tries_hint),
                         QCoreApplication.translate("SigningErrors", "Kiểm tra lại mã PIN (đúng thẻ, tắt Caps Lock) rồi ký lại bằng Ctrl+Shift+S. "
                             "Ứng dụng không tự thử lại mã PIN để thẻ không bị khóa."))
    if isinstance(error, CertificateRefused):
        if "expired" in message:
            what = QCoreApplication.translate("SigningErrors", "Chứng thư số đã hết hạn ngày %1: không được dùng để ký.").replace("%1", _day(message))
        elif "not valid before" in message:
            what = QCoreApplication.translate("SigningErrors", "Chứng thư số chỉ có hiệu lực từ ngày %1: chưa dùng để ký được.").replace("%1", _day(message))
        elif "revoked" in message:
            what = QCoreApplication.translate("SigningErrors", "Chứng thư số đã bị nhà cung cấp thu hồi: không được dùng để ký.")
        else:
            what = QCoreApplication.translate("SigningErrors", "Chứng thư số này không phải chứng thư dùng để ký văn bản.")
        return Explained(what + " " + QCoreApplication.translate("SigningErrors", "Chưa ký tài liệu nào."),
                         QCoreApplication.translate("SigningErrors", "Gia hạn hoặc xin cấp chứng thư mới tại nhà cung cấp dịch vụ chứng thực, "
                             "hoặc chọn thẻ khác (Ký số › Chọn thẻ ký số…)."))
    if isinstance(error, TokenError):
        if "cannot load PKCS#11 module" in message:
            return Explained(QCoreApplication.translate("SigningErrors", "Không nạp được thư viện PKCS#11 của thẻ ký số. Chưa ký tài liệu nào."),
                             QCoreApplication.translate("SigningErrors", "Cài phần mềm đi kèm thẻ, hoặc chọn lại thư viện (Ký số › Chọn thẻ ký số…)."))
        if "no token" in message:
            return Explained(QCoreApplication.translate("SigningErrors", "Không thấy thẻ ký số đã chọn trên máy. Chưa ký tài liệu nào."),
                             QCoreApplication.translate("SigningErrors", "Cắm thẻ vào máy (hoặc chọn thẻ khác trong Ký số › Chọn thẻ ký số…) rồi ký lại."))
        if "several" in message:
            return Explained(QCoreApplication.translate("SigningErrors", "Có nhiều thẻ hoặc nhiều khóa ký, chưa biết dùng cái nào. Chưa ký tài liệu nào."),
                             QCoreApplication.translate("SigningErrors", "Chọn thẻ và chứng thư trong Ký số › Chọn thẻ ký số…, rồi ký lại."))
        return Explained(QCoreApplication.translate("SigningErrors", "Không dùng được thẻ ký số (%1). Chưa ký tài liệu nào.").replace("%1", message),
                         QCoreApplication.translate("SigningErrors", "Rút thẻ ra, cắm lại rồi ký lại; nếu vẫn lỗi, báo bộ phận kỹ thuật."))
    if isinstance(error, SigningError):
        return Explained(QCoreApplication.translate("SigningErrors", "Không ký được (%1).").replace("%1", message),
                         QCoreApplication.translate("SigningErrors", "Thử ký lại; nếu vẫn lỗi, báo bộ phận kỹ thuật kèm thời điểm xảy ra lỗi."))
    return explain(error)
