"""Split proposals: where a stack is cut into documents and dossiers under each rule, and that
no page is ever lost or doubled (every page in one document, or a separator sheet)."""
from __future__ import annotations

import json
import random

import pytest

from dossier.split import PageInfo, Reason, SplitProposal, SplitRule, propose_split
from ocr.separators import PageMarks, PatchCode, SeparatorSheet

INK, BLANK = 25.0, 0.05  # blank scores: a page of text, a blank page (BLANK_THRESHOLD is 0.3)


def page(number: int, token: str) -> PageInfo:
    """One page from a token: ``d`` text, ``b`` blank, ``T``/``2``/``3``/``1`` a patch sheet,
    ``Q`` or ``Q:CODE`` a QR dossier sheet, ``q`` a QR document sheet; ``/f`` or ``/b`` the side."""
    token, _, side = token.partition("/")
    sides = {"f": "front", "b": "back", "": None}
    marks = PageMarks()
    score = BLANK if token == "b" else INK
    if token in ("T", "2", "3", "1", "4", "6"):
        marks = PageMarks(patches=(PatchCode(token, (0, 0, 10, 10), "top"),))  # type: ignore[arg-type]
    elif token.startswith("Q"):
        code = token.partition(":")[2] or None
        marks = PageMarks(sheet=SeparatorSheet("dossier", code, "SOHOA-SEPARATOR/1"))
    elif token == "q":
        marks = PageMarks(sheet=SeparatorSheet("document", None, "SOHOA-SEPARATOR/1"))
    else:
        assert token in ("d", "b"), token
    return PageInfo(number, score, marks, sides[side], page_id=100 + number)  # type: ignore[arg-type]


def stack(text: str) -> list[PageInfo]:
    return [page(i + 1, token) for i, token in enumerate(text.split())]


def ranges(proposal: SplitProposal) -> list[tuple[int, int]]:
    return [(d.first, d.last) for d in proposal.documents]


def separators(proposal: SplitProposal) -> list[int]:
    return [s.number for s in proposal.separators]


def covered(proposal: SplitProposal) -> list[int]:
    return sorted([n for d in proposal.documents for n in d.pages] + separators(proposal))


# ---- separator sheets (the default rule) ---------------------------------------------------------

def test_dossier_and_document_sheets() -> None:
    p = propose_split(stack("Q:000.00.00.H38-251201-0001 d d b q d T d d Q:000.00.00.H38-251201-0002 d"))
    assert ranges(p) == [(2, 4), (6, 6), (8, 9), (11, 11)]
    assert separators(p) == [1, 5, 7, 10]
    assert [d.reason for d in p.documents] == [Reason.QR_DOSSIER, Reason.QR_DOCUMENT, Reason.PATCH_T, Reason.QR_DOSSIER]
    assert [d.cause_page for d in p.documents] == [1, 5, 7, 10]
    assert [(d.code, d.separator_page) for d in p.dossiers] == [("000.00.00.H38-251201-0001", 1),
                                                                ("000.00.00.H38-251201-0002", 10)]
    assert [d.dossier for d in p.documents] == [0, 0, 0, 1]
    assert p.documents[0].blank_pages == (4,)  # the blank page stays in its document, marked
    assert p.blank_pages == (4,)
    assert p.documents[0].page_ids == (102, 103, 104)


def test_no_separator_is_one_document() -> None:
    p = propose_split(stack("d d b d"))
    assert ranges(p) == [(1, 4)] and separators(p) == []
    assert p.documents[0].reason is Reason.START and p.dossiers[0].separator_page is None


def test_patch_two_keeps_its_page_as_the_first_of_the_new_document() -> None:
    p = propose_split(stack("d d 2 d 2 d"))
    assert ranges(p) == [(1, 2), (3, 4), (5, 6)] and separators(p) == []
    assert [d.reason for d in p.documents] == [Reason.START, Reason.PATCH_2, Reason.PATCH_2]


def test_patch_three_starts_a_dossier_without_code() -> None:
    p = propose_split(stack("d 3 d d T d"))
    assert ranges(p) == [(1, 1), (3, 4), (6, 6)]
    assert [(d.code, d.separator_page, d.reason) for d in p.dossiers] == [
        (None, None, Reason.START), (None, 2, Reason.PATCH_3)]
    assert [d.dossier for d in p.documents] == [0, 1, 1]


def test_patches_one_four_six_do_not_cut() -> None:
    p = propose_split(stack("d 1 d 6 d"))
    assert ranges(p) == [(1, 5)] and separators(p) == []
    assert any("Trang 2 có Patch 1" in note for note in p.notes)


def test_separators_at_the_start_and_the_end_and_two_in_a_row() -> None:
    p = propose_split(stack("T T d d q T d T"))
    assert ranges(p) == [(3, 4), (7, 7)]
    assert separators(p) == [1, 2, 5, 6, 8]
    assert p.documents[1].cause_page == 6  # the last sheet before the document
    assert any("trang 8 nằm cuối xấp" in note for note in p.notes)
    assert covered(p) == list(range(1, 9))


def test_two_dossier_sheets_in_a_row_the_second_wins_and_is_noted() -> None:
    p = propose_split(stack("Q:000.00.00.H38-251201-0001 Q:000.00.00.H38-251201-0002 d"))
    assert [d.code for d in p.dossiers] == ["000.00.00.H38-251201-0002"]
    assert any("trang 1 không có tài liệu" in note for note in p.notes)


def test_a_dossier_sheet_then_a_document_sheet_keeps_the_dossier() -> None:
    p = propose_split(stack("Q:000.00.00.H38-251201-0001 T d q d"))
    assert ranges(p) == [(3, 3), (5, 5)]
    assert [d.code for d in p.dossiers] == ["000.00.00.H38-251201-0001"]
    assert p.documents[0].reason is Reason.PATCH_T and p.documents[0].dossier == 0


def test_the_blank_back_of_a_separator_sheet_is_part_of_the_sheet() -> None:
    with_sides = propose_split(stack("d/f b/b Q:000.00.00.H38-251201-0001/f b/b d/f b/b"))
    assert ranges(with_sides) == [(1, 2), (5, 6)] and separators(with_sides) == [3, 4]
    # Without sides (a PDF from a copier) the blank page after the sheet goes with it too.
    without = propose_split(stack("d b q b d b"))
    assert ranges(without) == [(1, 2), (5, 6)] and separators(without) == [3, 4]


def test_a_separator_sheet_fed_the_other_way_up() -> None:
    """The QR is on the back: the blank front is still the sheet's, and the code is read."""
    p = propose_split(stack("d/f b/b b/f Q:000.00.00.H38-251201-0001/b d/f b/b"))
    assert ranges(p) == [(1, 2), (5, 6)] and separators(p) == [3, 4]
    assert p.dossiers[-1].code == "000.00.00.H38-251201-0001"
    assert not any("không có tài liệu" in note for note in p.notes)


def test_writing_on_the_back_of_a_separator_is_kept() -> None:
    p = propose_split(stack("d/f T/f d/b d/f"))
    assert separators(p) == [2] and ranges(p) == [(1, 1), (3, 4)]
    assert any("mặt kia của tờ phân cách" in note for note in p.notes)


# ---- blank sheets ------------------------------------------------------------------------

def test_blank_rule_cuts_at_a_blank_sheet_not_at_blank_backs() -> None:
    # Duplex: each sheet printed on one side, so every back is blank; sheet 3 is blank on both.
    pages = stack("d/f b/b d/f b/b b/f b/b d/f b/b d/f d/b")
    p = propose_split(pages, rule=SplitRule("blank"))
    assert ranges(p) == [(1, 4), (7, 10)]
    assert separators(p) == [5, 6]
    assert p.documents[1].reason is Reason.BLANK_SHEET and p.documents[1].cause_page == 5
    assert p.documents[0].blank_pages == (2, 4) and p.documents[1].blank_pages == (8,)
    # The default rule keeps the blank sheet inside the document, marked.
    assert ranges(propose_split(pages)) == [(1, 10)]


def test_blank_rule_on_a_duplex_stack_without_sides() -> None:
    pages = stack("d b d b b b d b")
    assert ranges(propose_split(pages, rule=SplitRule("blank", duplex=True))) == [(1, 4), (7, 8)]
    # Simplex (no sides, not duplex): every blank page is a sheet of its own.
    simplex = propose_split(pages, rule=SplitRule("blank"))
    assert ranges(simplex) == [(1, 1), (3, 3), (7, 7)] and separators(simplex) == [2, 4, 5, 6, 8]
    assert len([d for d in simplex.documents if d.reason is Reason.BLANK_SHEET]) == 2  # 4-6 is one cut


def test_blank_sheets_at_the_start() -> None:
    p = propose_split(stack("b b d d"), rule=SplitRule("blank"))
    assert ranges(p) == [(3, 4)] and separators(p) == [1, 2]
    # Under the default rule a blank page at the very start has nothing before it: first document.
    assert ranges(propose_split(stack("b d d"))) == [(1, 3)]


# ---- a fixed page count ------------------------------------------------------------------

def test_fixed_count_counts_pages_that_are_not_blank() -> None:
    p = propose_split(stack("d d d d d"), rule=SplitRule("fixed", pages=2))
    assert ranges(p) == [(1, 2), (3, 4), (5, 5)]
    assert [d.reason for d in p.documents] == [Reason.START, Reason.PAGE_COUNT, Reason.PAGE_COUNT]
    duplex = propose_split(stack("d b d b d b d b"), rule=SplitRule("fixed", pages=2))
    assert ranges(duplex) == [(1, 4), (5, 8)]  # the same documents as the simplex scan


def test_fixed_count_restarts_at_a_separator() -> None:
    p = propose_split(stack("d d d T d d d"), rule=SplitRule("fixed", pages=2))
    assert ranges(p) == [(1, 2), (3, 3), (5, 6), (7, 7)]
    assert p.documents[2].reason is Reason.PATCH_T


# ---- nothing lost ------------------------------------------------------------------------

@pytest.mark.parametrize("rule", [SplitRule(), SplitRule("blank"), SplitRule("blank", duplex=True),
                                  SplitRule("fixed", pages=1), SplitRule("fixed", pages=3)])
def test_every_page_is_in_one_document_or_a_separator(rule: SplitRule) -> None:
    rng = random.Random(f"split/{rule}")
    tokens = ["d"] * 10 + ["b"] * 4 + ["T", "2", "3", "1", "q", "Q", "Q:000.00.00.H38-251201-0001"]
    for _ in range(300):
        length = rng.randint(0, 14)
        sided = rng.random() < 0.5
        pages = [page(i + 1, rng.choice(tokens) + (("/f" if i % 2 == 0 else "/b") if sided else ""))
                 for i in range(length)]
        p = propose_split(pages, rule=rule)
        assert covered(p) == list(range(1, length + 1))
        in_documents = [n for d in p.documents for n in d.pages]
        assert len(in_documents) == len(set(in_documents))
        assert not set(in_documents) & set(separators(p))
        for sep in p.separators:  # a separator page is marked, or blank
            info = pages[sep.number - 1]
            assert info.marks.any or info.blank
        for doc in p.documents:  # no document is only blank pages unless the stack gave no choice
            assert doc.first <= doc.last
        assert all(0 <= d.dossier < len(p.dossiers) for d in p.documents)
        json.dumps(p.to_json())


def test_an_empty_stack_and_pages_out_of_order() -> None:
    p = propose_split([])
    assert p.documents == () and p.separators == ()
    with pytest.raises(ValueError):
        propose_split([page(1, "d"), page(3, "d")])


def test_rules_from_the_command_line() -> None:
    assert SplitRule.parse("separators") == SplitRule()
    assert SplitRule.parse("blank-duplex") == SplitRule("blank", duplex=True)
    assert SplitRule.parse("fixed:3") == SplitRule("fixed", pages=3)
    for bad in ("fixed", "fixed:0", "fixed:x", "every-page", "blank:2"):
        with pytest.raises(ValueError):
            SplitRule.parse(bad)


def test_the_clerk_reads_the_proposal_in_vietnamese() -> None:
    p = propose_split(stack("Q:000.00.00.H38-251201-0001 d b T d"))
    lines = p.describe()
    assert lines[0] == ("Tài liệu 1: trang 2–3, hồ sơ 000.00.00.H38-251201-0001 "
                        "(tờ phân cách hồ sơ (mã QR) ở trang 1); trang trắng: 3")
    assert lines[1].startswith("Tài liệu 2: trang 5, hồ sơ 000.00.00.H38-251201-0001 (tờ phân cách Patch T ở trang 4)")
    assert lines[2] == "Tờ phân cách (giữ lại, không thuộc tài liệu nào): trang 1, 4"
