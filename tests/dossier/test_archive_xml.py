"""metadata.xml of the archive export: Decree 30/2020 Annex VI fields, lengths, order, round trip."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from dossier.archive import (DOCUMENT_LIMITS, SCHEMA_FILE, ArchiveDocument, ArchiveError, ArchiveFile, build_xml,
                             check_schema, chronological, document_from_fields, file_name, read_xml, split_number)

FILE = ArchiveFile(organ_id="000.13.27.H38", file_catalog=2025, file_notation="250312-0007",
                   title="Hồ sơ cấp giấy phép xây dựng - Phạm Thị Ngọc Bích", maintenance="20 năm",
                   rights="Hạn chế", creator="Nguyễn Thị Hường")


def decision(**overrides: object) -> ArchiveDocument:
    fields = {"number": "125/QĐ-UBND", "issue_date": "2025-03-20", "issuer": "ỦY BAN NHÂN DÂN THỊ XÃ THUẬN AN",
              "type_name": "QUYẾT ĐỊNH", "subject": "Về việc cấp giấy phép xây dựng nhà ở riêng lẻ",
              "signer": "Nguyễn Văn Ba", "signer_title": "PHÓ CHỦ TỊCH"}
    fields.update(overrides)
    return document_from_fields(Path("qd.pdf"), 2, fields, sha256="ab" * 32)


def test_number_splits_into_code_number_and_notation() -> None:
    assert split_number("125/QĐ-UBND") == ("125", "QĐ-UBND")
    assert split_number(" 07 / 2025/TT-BNV ") == ("07", "2025/TT-BNV")
    assert split_number("QĐ-UBND") == ("", "QĐ-UBND") and split_number("125") == ("125", "")


def test_reviewed_fields_land_in_their_annex_vi_fields() -> None:
    data, shortened = build_xml(FILE, [decision()], ["001-quyet-dinh.pdf"])
    check_schema(data)
    assert not shortened
    values = read_xml(data)
    doc = values["Documents"][0]
    assert doc["FileCode.OrganId"] == "000.13.27.H38" and doc["FileCode.FileCatalog"] == "2025"
    assert doc["FileCode.FileNotation"] == "250312-0007" and doc["DocOrdinal"] == "1"
    assert doc["CodeNumber"] == "125" and doc["CodeNotation"] == "QĐ-UBND"
    assert doc["IssuedDate"] == "20/03/2025" and doc["OrganName"] == "ỦY BAN NHÂN DÂN THỊ XÃ THUẬN AN"
    assert doc["TypeName"] == "QUYẾT ĐỊNH" and doc["PageAmount"] == "2" and doc["Language"] == "Tiếng Việt"
    assert doc["SignerInfo.Position"] == "PHÓ CHỦ TỊCH" and doc["SignerInfo.FullName"] == "Nguyễn Văn Ba"
    assert doc["Attachment.file"] == "001-quyet-dinh.pdf" and doc["Attachment.sha256"] == "ab" * 32
    record = values["File"]
    assert record["FileCode"] == "000.13.27.H38.2025.250312-0007" and record["DocTotal"] == "1"
    assert record["PageTotal"] == "2" and record["StartDate"] == record["EndDate"] == "20/03/2025"
    assert record["Rights"] == "Hạn chế" and record["Title"].endswith("Phạm Thị Ngọc Bích")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")


def test_papers_are_in_chronological_order() -> None:
    form = document_from_fields(Path("to-khai.pdf"), 1, {}, component="Tờ khai", received_at="2025-03-12T09:00")
    photo = document_from_fields(Path("anh.pdf"), 1, {}, component="Ảnh", received_at="2025-03-12T08:00")
    result = decision()
    older = decision(number="12/GCN", issue_date="2019-06-01")
    ordered = chronological([result, form, older, photo], fallback=date(2025, 3, 12))
    assert [d.pdf.name for d in ordered] == ["qd.pdf", "anh.pdf", "to-khai.pdf", "qd.pdf"]
    assert ordered[0].code_number == "12" and ordered[3].code_number == "125"
    data, _ = build_xml(FILE, ordered, [file_name(i, d) for i, d in enumerate(ordered, 1)])
    docs = read_xml(data)["Documents"]
    assert [d["DocOrdinal"] for d in docs] == ["1", "2", "3", "4"]
    assert read_xml(data)["File"]["StartDate"] == "01/06/2019"


def test_identifiers_that_do_not_fit_are_refused() -> None:
    with pytest.raises(ArchiveError, match="CodeNotation.*30 ký tự"):
        build_xml(FILE, [decision(number="125/" + "QĐ-UBND-" * 5)])
    with pytest.raises(ArchiveError, match="CodeNumber"):
        build_xml(FILE, [decision(number="123456789012/QĐ")])
    with pytest.raises(ArchiveError, match="PageAmount"):
        build_xml(FILE, [document_from_fields(Path("x.pdf"), 1000, {})])


def test_free_text_is_shortened_at_a_word_and_reported() -> None:
    subject = "Về việc cấp giấy phép xây dựng " + "nhà ở riêng lẻ tại phường Lái Thiêu " * 20
    data, shortened = build_xml(FILE, [decision(subject=subject, signer="Tôn Nữ " * 10)])
    check_schema(data)
    doc = read_xml(data)["Documents"][0]
    assert len(doc["Subject"]) <= DOCUMENT_LIMITS["Subject"] and doc["Subject"].endswith("…")
    assert subject.startswith(doc["Subject"][:-1]) and doc["Subject"][-2] != " "
    assert {(s.field, s.limit) for s in shortened} == {("Subject", 500), ("FullName", 50)}


def test_control_characters_never_break_the_xml() -> None:
    data, _ = build_xml(FILE, [decision(subject="Về việc\x0c cấp\x00 phép")])
    assert read_xml(data)["Documents"][0]["Subject"] == "Về việc cấp phép"


def test_the_schema_catches_what_the_decree_forbids() -> None:
    data, _ = build_xml(FILE, [decision()])
    schema = etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))
    assert schema.validate(etree.fromstring(data))
    too_long = data.replace(b"<CodeNumber>125</CodeNumber>", b"<CodeNumber>" + b"1" * 12 + b"</CodeNumber>")
    bad_date = data.replace(b"20/03/2025</IssuedDate>", b"2025-03-20</IssuedDate>")
    for broken in (too_long, bad_date):
        with pytest.raises(ArchiveError, match="lược đồ"):
            check_schema(broken)


def test_file_names_keep_order_and_are_ascii() -> None:
    assert file_name(1, decision()) == "001-quyet-dinh-125-qd-ubnd.pdf"
    assert file_name(12, document_from_fields(Path("x.pdf"), 1, {}, component="Đơn đề nghị")) == "012-don-de-nghi.pdf"
    assert file_name(3, document_from_fields(Path("x.pdf"), 1, {})) == "003-van-ban.pdf"
