"""The handover list as printed: PDF text and QR codes, CSV for Excel, JSON; IDs always masked."""
from __future__ import annotations

import csv
import io
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from dossier.handover import Component, HandoverEntry, HandoverList, render_pdf, to_csv, to_json
from ocr.extract.codes import read_codes

FULL_IDS = ("079084001234", "087184000999", "001203045678")


def sample(entries: int = 3) -> HandoverList:
    people = [("Lê Văn Ánh", FULL_IDS[0]), ("Phạm Thị Ngọc Bích", FULL_IDS[1]), ("Đặng Quốc Hưng", FULL_IDS[2])]
    papers = [(Component("Tờ khai đăng ký khai sinh", 2), Component("Giấy chứng sinh (bản sao)", 1)),
              (Component("Đơn đề nghị cấp giấy phép xây dựng", 3), Component("Bản vẽ thiết kế", 12)),
              (Component("Tờ khai đăng ký thường trú", 1),)]
    return HandoverList(
        number="BG-250312-0004", handed_at=datetime(2025, 3, 12, 7, 30, tzinfo=timezone.utc),
        post_office="Bưu điện thị xã Thuận An", employee="Nguyễn Thị Hường",
        desk="Bộ phận Một cửa UBND thị xã Thuận An", receiver="Trần Văn Đức",
        entries=tuple(HandoverEntry(f"000.13.27.H38-250312-{i + 1:04d}", people[i % 3][0], people[i % 3][1],
                                    papers[i % 3], postal_item=f"EA{123456780 + i}VN")
                      for i in range(entries)))


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "list.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_pdf_states_codes_masked_ids_and_page_counts(tmp_path: Path) -> None:
    handover = sample()
    text = pdf_text(render_pdf(handover), tmp_path)
    assert "DANH SÁCH BÀN GIAO HỒ SƠ" in text
    assert "Số: BG-250312-0004" in text and "14 giờ 30 phút, ngày 12 tháng 03 năm 2025" in text  # +07:00
    for entry in handover.entries:
        assert entry.dossier_code in text and entry.postal_item in text
        assert f"Cộng: {entry.pages} trang" in text
    assert "079*****1234" in text and "087*****0999" in text
    for full in FULL_IDS:
        assert full not in text.replace(" ", "")
    assert "Giấy chứng sinh (bản sao): 1 tr." in text and "Bản vẽ thiết kế: 12 tr." in text
    assert "Tổng cộng: 3 hồ sơ, 5 thành phần, 19 trang." in text
    assert "NGƯỜI GIAO" in text and "NGƯỜI NHẬN" in text and text.count("(Ký, ghi rõ họ tên)") == 2
    assert "Nguyễn Thị Hường" in text and "Trần Văn Đức" in text


def test_qr_codes_decode_to_the_dossier_codes() -> None:
    handover = sample()
    doc = pdfium.PdfDocument(render_pdf(handover))
    # 150 dpi: what a desk's scanner or a phone photograph gives at the least.
    page = np.asarray(doc[0].render(scale=150 / 72).to_pil().convert("L"))
    codes = read_codes(page)
    assert sorted(c.text for c in codes if c.kind == "qr") == sorted(e.dossier_code for e in handover.entries)


def test_a_long_list_runs_over_pages_with_every_dossier(tmp_path: Path) -> None:
    handover = sample(entries=14)
    data = render_pdf(handover)
    doc = pdfium.PdfDocument(data)
    assert len(doc) >= 3
    width, height = doc[0].get_size()
    assert (round(width), round(height)) == (842, 595)  # landscape A4
    text = pdf_text(data, tmp_path)
    assert all(e.dossier_code in text for e in handover.entries)
    assert text.count("Mã hồ sơ") == len(doc)  # the table's header repeats on each page
    assert f"trang {len(doc)}/{len(doc)}" in text


def test_csv_opens_in_excel_with_diacritics_and_masked_ids() -> None:
    data = to_csv(sample())
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["Mã hồ sơ"] for r in rows] == [f"000.13.27.H38-250312-{i:04d}" for i in (1, 2, 3)]
    assert rows[0]["Số định danh"] == "079*****1234" and rows[0]["Chủ hồ sơ"] == "Lê Văn Ánh"
    assert rows[1]["Thành phần hồ sơ"] == "Đơn đề nghị cấp giấy phép xây dựng (3 trang); Bản vẽ thiết kế (12 trang)"
    assert rows[1]["Số trang"] == "15" and rows[2]["Thời gian bàn giao"] == "2025-03-12T14:30:00+07:00"
    assert not any(full in data.decode("utf-8-sig") for full in FULL_IDS)


def test_json_has_totals_and_no_full_id() -> None:
    data = to_json(sample())
    assert data["schema"] == "sohoa.handover/1" and data["number"] == "BG-250312-0004"
    assert data["totals"] == {"dossiers": 3, "components": 5, "pages": 19}
    assert data["dossiers"][1]["components"] == [{"name": "Đơn đề nghị cấp giấy phép xây dựng", "pages": 3},
                                                  {"name": "Bản vẽ thiết kế", "pages": 12}]
    assert data["from"]["employee"] == "Nguyễn Thị Hường" and data["to"]["receiver"] == "Trần Văn Đức"
    assert not any(full in repr(data) for full in FULL_IDS)


def test_a_time_without_zone_is_refused() -> None:
    with pytest.raises(ValueError):
        HandoverList(number="x", handed_at=datetime(2025, 3, 12, 14, 30), post_office="", employee="",
                     desk="", receiver="")


@pytest.mark.parametrize(("given", "shown"), [("079084001234", "079*****1234"), ("079*****1234", "079*****1234"),
                                               ("C1234567", "C12*4567"), ("0312345678", "031***5678"),
                                               ("12345", "*****"), ("", "")])
def test_every_kind_of_identifier_is_masked(given: str, shown: str) -> None:
    entry = HandoverEntry("000.13.27.H38-250312-0001", "Lê Văn Ánh", given, ())
    assert entry.masked_id == shown
