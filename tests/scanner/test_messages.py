"""The Vietnamese text a clerk reads for every scanner error."""
from __future__ import annotations

import unicodedata

import pytest

from scanner import (
    Capabilities,
    ColorMode,
    CoverOpen,
    DeviceBusy,
    DeviceGone,
    DriverHung,
    FeederEmpty,
    PageSize,
    PaperJam,
    ScanError,
    ScanSettings,
    Source,
    UnreadableFile,
    UnsupportedSetting,
    check_settings,
    collate_duplex,
    import_file,
    resolve_settings,
)
from scanner import collate, errors, escl, files, profiles
from scanner.collate import CollationMismatch
from scanner.errors import PageNotSaved
from scanner.escl import UnreadableReply
from scanner.messages import _BUILDERS, vietnamese_message
from scanner.profiles import ProfileRefused

# (error, expected fragments): what happened, where, what to do next.
CASES = [
    (PaperJam(device_id="sane:test:0", page_index=6), ["Kẹt giấy ở trang 7", "gỡ tờ giấy bị kẹt", "bấm Tiếp tục"]),
    (FeederEmpty(device_id="sane:test:0", page_index=0), ["Khay nạp giấy đang trống", "đặt giấy vào khay"]),
    (CoverOpen(page_index=2), ["Nắp máy quét đang mở ở trang 3", "đóng nắp"]),
    (DeviceBusy(device_id="wia:{6BDD}\\0000"), ["đang bận với một chương trình khác", "đóng chương trình đó"]),
    (DeviceGone(device_id="sane:test:0", page_index=4), ["Máy quét sane:test:0 bị mất kết nối khi đang quét trang 5",
                                                         "kiểm tra cáp và nguồn điện"]),
    (DeviceGone(device_id="sane:test:9"), ["Không kết nối được với máy quét sane:test:9"]),
    (DriverHung(device_id="twain:Canon", page_index=11), ["không phản hồi khi đang quét trang 12",
                                                          "tắt máy quét, bật lại", "quét tiếp từ trang 12"]),
    (CollationMismatch(details={"fronts": 5, "backs": 4}), ["mặt trước có 5 trang, lượt mặt sau có 4 trang",
                                                            "quét lại mặt sau"]),
    (PageNotSaved(page_index=3, details={"reason": "No space left on device"}), ["Không lưu được trang 4",
                                                                                 "giải phóng dung lượng"]),
    (ScanError("The scanner reported: Error 42.", page_index=1), ["báo lỗi ở trang 2", "Error 42"]),
    (UnreadableFile(details={"file": "ho-so.pdf"}), ["“ho-so.pdf” không đọc được", "PNG, JPEG, TIFF hoặc PDF"]),
    (UnreadableReply(device_id="escl:http://10.0.0.7/eSCL", page_index=2),
     ["gửi về trang 3 ở dạng không đọc được", "đặt tờ đó lên đầu xấp giấy", "bấm Tiếp tục"]),
    (UnreadableReply(device_id="escl:http://10.0.0.7/eSCL"), ["trả lời theo cách phần mềm không đọc được",
                                                              "báo quản trị viên"]),
]


@pytest.mark.parametrize(("error", "fragments"), CASES, ids=lambda v: type(v).__name__ if isinstance(v, Exception) else "")
def test_each_error_says_what_happened_and_what_to_do(error, fragments):
    text = vietnamese_message(error, saved_pages=6)
    for fragment in fragments:
        assert fragment in text
    assert text.endswith(".") and unicodedata.is_normalized("NFC", text)
    if not isinstance(error, UnreadableFile):  # an import is not a batch
        assert "6 trang đã quét vẫn được giữ nguyên" in text
    assert error.default_message not in text  # the English text stays in the logs


def test_no_pages_no_promise_about_them():
    assert "giữ nguyên" not in vietnamese_message(PaperJam(page_index=0), saved_pages=0)
    assert vietnamese_message(PaperJam(page_index=1), saved_pages=1).endswith("; trang đã quét vẫn được giữ nguyên.")


def test_the_scanner_is_named_as_the_clerk_knows_it():
    text = vietnamese_message(DeviceBusy(device_id="sane:epson2:libusb:001:004"), device_name="Epson DS-530")
    assert text.startswith("Máy quét Epson DS-530 đang bận")


CAPS = Capabilities((Source.FLATBED, Source.ADF), (150, 300), (ColorMode.COLOR, ColorMode.GRAY), PageSize(216, 297))


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (ScanSettings(source=Source.DUPLEX), "không có khay nạp giấy quét hai mặt (máy chỉ có: mặt kính, khay nạp giấy tự động)"),
        (ScanSettings(mode=ColorMode.LINEART), "không quét được ở chế độ đen trắng (chỉ có: màu, xám)"),
        (ScanSettings(dpi=600), "không quét được ở độ phân giải 600 dpi. Hãy chọn một trong các mức: 150, 300 dpi"),
        (ScanSettings(page_size=PageSize(297, 420)), "Khổ giấy 297×420 mm lớn hơn vùng quét của máy (216×297 mm)"),
    ],
)
def test_unsupported_settings_name_the_setting_and_the_choices(settings, expected):
    with pytest.raises(UnsupportedSetting) as info:
        check_settings("sane:x:0", CAPS, settings)
    assert expected in vietnamese_message(info.value)
    assert expected in vietnamese_message(_roundtrip(info.value))  # details survive the worker's pipe


def test_profile_refusals_and_unreadable_files(tmp_path):
    with pytest.raises(ProfileRefused) as rules:
        resolve_settings(mode="gray")
    assert "Nghị định 30/2020/NĐ-CP" in vietnamese_message(rules.value)
    with pytest.raises(ProfileRefused) as unknown:
        resolve_settings("ho_so_dat")
    assert "“ho_so_dat”" in vietnamese_message(unknown.value)
    (tmp_path / "scan.docx").write_bytes(b"")
    with pytest.raises(UnreadableFile) as bad:
        list(import_file(tmp_path / "scan.docx"))
    assert "“scan.docx”" in vietnamese_message(bad.value)


def test_collation_errors_carry_their_counts():
    with pytest.raises(CollationMismatch) as info:
        collate_duplex([_page()] * 3, [_page()] * 2)
    assert "mặt trước có 3 trang, lượt mặt sau có 2 trang" in vietnamese_message(info.value)


def test_every_error_type_of_the_scanner_package_has_its_own_wording():
    types = {cls for module in (errors, collate, escl, files, profiles) for cls in vars(module).values()
             if isinstance(cls, type) and issubclass(cls, ScanError)}
    assert types <= set(_BUILDERS)


def _page():
    import numpy as np

    from scanner import Page

    return Page(np.zeros((2, 2), np.uint8), 300, 0)


def _roundtrip(err):
    import pickle

    return pickle.loads(pickle.dumps(err))
