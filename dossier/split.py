"""Splitting a scanned stack into documents and dossiers: a *proposal* that a person confirms.

A stack comes out of the feeder as one run of pages. Where one document ends and the next
begins is proposed here from what each page shows (``ocr.separators``: patch codes, SoHoa's QR
separator sheet; ``ocr.cleanup``: the blank-page score) and never applied silently: the proposal
is a value the GUI shows and the clerk confirms; ``apply_split`` makes it so in the workspace,
and headless batch mode applies it only with ``sohoa process --split``. A page that is wrongly
cut costs a clerk's minute; a page wrongly dropped can cost a citizen's right, so nothing is ever
dropped: every page ends in exactly one document or is marked as a separator sheet (kept in the
workspace, in no document's PDF).

What each mark means — Kodak's meaning in its capture software (Capture Pro: "Patch 2 is
normally used to create a new document and keep the image of the page containing the patch
code; Patch T ... and delete the image"; Patch 3 separates batches), with SoHoa's two levels,
dossier above document, in place of Kodak's batch and document:

============================ ============================ ======================================
mark                         cut                          the page with the mark
============================ ============================ ======================================
SoHoa QR sheet, dossier      new dossier (with the code   separator sheet
                             it carries) and new document
SoHoa QR sheet, document     new document                 separator sheet
Patch 3                      new dossier, new document    separator sheet
Patch T (transfer patch)     new document                 separator sheet
Patch 2                      new document                 kept: first page of the new document
Patch 1, 4, 6                none (image control in       kept where it is; noted
                             Kodak's scanners)
blank sheet (rule "blank")   new document                 separator sheet
============================ ============================ ======================================

Separator sheets always cut, whatever the rule; the rule says what else cuts:
``separators`` (the default) nothing else; ``blank`` a blank sheet; ``fixed`` every N pages.

Blank pages: a blank page goes with what comes before it. In a duplex scan that is the back of
the sheet, so a blank back stays in its document, marked blank, and never cuts; after a
separator page it is the separator sheet's back and is part of the sheet. Under the ``blank``
rule only a whole blank sheet cuts: both sides blank when the pages say which side they are
(``PageInfo.side``, from the scanner), or with ``SplitRule(duplex=True)`` for a duplex stack
whose sides were lost (a PDF from a copier); otherwise each page is taken as its own sheet.
Under ``fixed`` the count is of pages that are not blank, so a duplex and a simplex scan of the
same stack give the same documents.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

from ocr.report import BLANK_THRESHOLD
from ocr.separators import PageMarks

RuleKind = Literal["separators", "blank", "fixed"]
Side = Literal["front", "back"]


class Reason(str, Enum):
    """Why a document (or dossier) starts where it does, or why a page is a separator."""

    START = "start"  # the first document of the stack
    QR_DOSSIER = "qr_dossier"
    QR_DOCUMENT = "qr_document"
    PATCH_3 = "patch_3"
    PATCH_T = "patch_t"
    PATCH_2 = "patch_2"
    BLANK_SHEET = "blank_sheet"
    PAGE_COUNT = "page_count"


REASON_TEXT: dict[Reason, str] = {
    Reason.START: "đầu xấp giấy",
    Reason.QR_DOSSIER: "tờ phân cách hồ sơ (mã QR)",
    Reason.QR_DOCUMENT: "tờ phân cách tài liệu (mã QR)",
    Reason.PATCH_3: "tờ phân cách Patch 3 (hồ sơ mới)",
    Reason.PATCH_T: "tờ phân cách Patch T",
    Reason.PATCH_2: "trang có Patch 2 (trang đầu của tài liệu)",
    Reason.BLANK_SHEET: "tờ giấy trắng",
    Reason.PAGE_COUNT: "đủ số trang mỗi tài liệu",
}
_NEW_DOSSIER = (Reason.QR_DOSSIER, Reason.PATCH_3)


@dataclass(frozen=True)
class SplitRule:
    """What cuts besides separator sheets: nothing, blank sheets, or every ``pages`` pages."""

    kind: RuleKind = "separators"
    pages: int = 0  # "fixed": pages (not blank) per document
    duplex: bool = False  # "blank": pages without a side alternate front, back

    def __post_init__(self) -> None:
        if self.kind not in ("separators", "blank", "fixed"):
            raise ValueError(f"không có quy tắc tách “{self.kind}”: separators, blank hoặc fixed")
        if self.kind == "fixed" and self.pages < 1:
            raise ValueError("tách theo số trang cần số trang mỗi tài liệu, từ 1 trở lên (fixed:N)")

    @classmethod
    def parse(cls, text: str) -> SplitRule:
        """``separators``, ``blank``, ``blank-duplex`` or ``fixed:N`` (the command line's form)."""
        name, _, count = text.strip().lower().partition(":")
        if name == "fixed":
            if not count.isdigit():
                raise ValueError(f"“{text}”: tách theo số trang viết là fixed:N, N là số trang mỗi tài liệu")
            return cls("fixed", pages=int(count))
        if name == "blank-duplex" and not count:
            return cls("blank", duplex=True)
        if name in ("separators", "blank") and not count:
            return cls(name)  # type: ignore[arg-type]
        raise ValueError(f"không có quy tắc tách “{text}”: separators, blank, blank-duplex hoặc fixed:N")

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        if self.kind == "fixed":
            data["pages"] = self.pages
        if self.duplex:
            data["duplex"] = True
        return data


@dataclass(frozen=True)
class PageInfo:
    """What the split needs to know of one page of the stack.

    ``number`` is its place in the stack (from 1); ``blank_score`` is ``ocr.cleanup``'s ink per
    mille (None: not measured, so never taken as blank); ``side`` is the scanner's, when known;
    ``page_id`` is the workspace page, when there is one.
    """

    number: int
    blank_score: float | None = None
    marks: PageMarks = field(default_factory=PageMarks)
    side: Side | None = None
    page_id: int | None = None

    @property
    def blank(self) -> bool:
        return self.blank_score is not None and self.blank_score < BLANK_THRESHOLD and not self.marks.any


@dataclass(frozen=True)
class ProposedDossier:
    """A dossier of the stack: the code its separator sheet carries, and the sheet's page."""

    index: int
    code: str | None
    separator_page: int | None  # None: the dossier the stack began in, with no sheet in front
    reason: Reason


@dataclass(frozen=True)
class ProposedDocument:
    """A document: pages ``first`` to ``last`` of the stack (separator sheets are never inside)."""

    index: int
    first: int
    last: int
    dossier: int  # ProposedDossier.index
    reason: Reason
    cause_page: int | None  # the separator or patch page that made the cut
    blank_pages: tuple[int, ...] = ()
    page_ids: tuple[int | None, ...] = ()

    @property
    def pages(self) -> range:
        return range(self.first, self.last + 1)


@dataclass(frozen=True)
class SeparatorPage:
    number: int
    reason: Reason
    page_id: int | None = None


@dataclass(frozen=True)
class SplitProposal:
    """The proposed split of a stack. Every page is in exactly one document or is a separator."""

    rule: SplitRule
    page_count: int
    documents: tuple[ProposedDocument, ...]
    dossiers: tuple[ProposedDossier, ...]
    separators: tuple[SeparatorPage, ...]
    blank_pages: tuple[int, ...]  # every blank page, in documents or in separator sheets
    notes: tuple[str, ...]  # for the clerk, Vietnamese

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule.to_json(), "pages": self.page_count,
            "dossiers": [{"index": d.index, "code": d.code, "separator_page": d.separator_page,
                          "reason": d.reason.value} for d in self.dossiers],
            "documents": [{"index": d.index, "first": d.first, "last": d.last, "dossier": d.dossier,
                           "reason": d.reason.value, "cause_page": d.cause_page, "blank_pages": list(d.blank_pages),
                           "page_ids": list(d.page_ids)} for d in self.documents],
            "separators": [{"page": s.number, "reason": s.reason.value, "page_id": s.page_id}
                           for s in self.separators],
            "blank_pages": list(self.blank_pages), "notes": list(self.notes),
        }

    def describe(self) -> list[str]:
        """One line per document, in Vietnamese, for the clerk to confirm."""
        lines = []
        for doc in self.documents:
            dossier = self.dossiers[doc.dossier]
            where = f"trang {doc.first}" if doc.first == doc.last else f"trang {doc.first}–{doc.last}"
            because = REASON_TEXT[doc.reason] + (f" ở trang {doc.cause_page}" if doc.cause_page else "")
            line = f"Tài liệu {doc.index + 1}: {where}"
            line += f", hồ sơ {dossier.code}" if dossier.code else (f", hồ sơ mới {dossier.index + 1}"
                                                                    if dossier.separator_page else "")
            line += f" ({because})"
            if doc.blank_pages:
                line += f"; trang trắng: {', '.join(map(str, doc.blank_pages))}"
            lines.append(line)
        if self.separators:
            lines.append("Tờ phân cách (giữ lại, không thuộc tài liệu nào): trang "
                         + ", ".join(str(s.number) for s in self.separators))
        return lines + list(self.notes)


def _mark(page: PageInfo) -> Reason | None:
    """The cut a page's own mark asks for; a dossier-level mark wins over a document-level one."""
    sheet = page.marks.sheet
    if sheet is not None:
        return Reason.QR_DOSSIER if sheet.level == "dossier" else Reason.QR_DOCUMENT
    patches = page.marks.patch_types
    for patch, reason in (("3", Reason.PATCH_3), ("T", Reason.PATCH_T), ("2", Reason.PATCH_2)):
        if patch in patches:
            return reason
    return None


def _sheets(pages: Sequence[PageInfo], rule: SplitRule) -> list[int]:
    """The sheet each page is a side of (an index per sheet): a back joins the front before it."""
    sheet_of: list[int] = []
    sheet = -1
    known = any(p.side is not None for p in pages)
    for i, page in enumerate(pages):
        if known:
            joins = page.side == "back" and i > 0 and pages[i - 1].side == "front" and sheet_of[i - 1] == sheet
        else:
            joins = rule.duplex and i % 2 == 1
        if not joins:
            sheet += 1
        sheet_of.append(sheet)
    return sheet_of


def propose_split(pages: Sequence[PageInfo], *, rule: SplitRule = SplitRule()) -> SplitProposal:
    """The documents (and dossiers) the stack ``pages`` (in stack order) falls into; see above."""
    numbers = [p.number for p in pages]
    if any(b != a + 1 for a, b in zip(numbers, numbers[1:])):
        raise ValueError("the stack's pages must be given in order, numbered one after another")
    notes: list[str] = []
    marks = [_mark(p) for p in pages]
    for page in pages:
        other = [t for t in page.marks.patch_types if t in ("1", "4", "6")]
        if other and _mark(page) is None:
            notes.append(f"Trang {page.number} có Patch {', '.join(other)}: không phải tờ phân cách, giữ nguyên chỗ.")

    # Which pages are separator sheets, and for what reason.
    separator: list[Reason | None] = [m if m is not None and m is not Reason.PATCH_2 else None for m in marks]
    sheet_of = _sheets(pages, rule)
    for i, reason in enumerate(list(separator)):
        if reason is None:
            continue
        for j, page in enumerate(pages):  # the other side(s) of a separator sheet
            if j != i and sheet_of[j] == sheet_of[i] and separator[j] is None:
                if page.blank:
                    separator[j] = reason
                else:
                    notes.append(f"Trang {page.number} ở mặt kia của tờ phân cách (trang {pages[i].number}) "
                                 f"có nội dung: giữ lại trong tài liệu.")
    for i in range(1, len(pages)):  # a blank page goes with what comes before it
        if separator[i] is None and separator[i - 1] is not None and pages[i].blank:
            separator[i] = separator[i - 1]
    if rule.kind == "blank":
        for sheet in sorted(set(sheet_of)):
            members = [i for i, s in enumerate(sheet_of) if s == sheet]
            if all(pages[i].blank and separator[i] is None for i in members):
                for i in members:
                    separator[i] = Reason.BLANK_SHEET
    # The pages that say something: those with their own mark, and the first of a run of blank
    # sheets; the other pages of a separator sheet (its blank back) only belong to it.
    lead = [separator[i] is not None and (marks[i] is not None or (
        separator[i] is Reason.BLANK_SHEET and (i == 0 or separator[i - 1] is not Reason.BLANK_SHEET)))
        for i in range(len(pages))]

    documents: list[ProposedDocument] = []
    dossiers: list[ProposedDossier] = []
    pending: tuple[Reason, int] | None = None  # the cut the next content page starts with
    pending_dossier: tuple[ProposedDossier, int] | None = None  # with the sheet it is printed on
    current: list[int] = []  # indexes of the open document's pages
    start: tuple[Reason, int | None] = (Reason.START, None)
    counted = 0

    def close() -> None:
        nonlocal current
        if current:
            dossier = dossiers[-1].index
            documents.append(ProposedDocument(
                index=len(documents), first=pages[current[0]].number, last=pages[current[-1]].number,
                dossier=dossier, reason=start[0], cause_page=start[1],
                blank_pages=tuple(pages[i].number for i in current if pages[i].blank),
                page_ids=tuple(pages[i].page_id for i in current)))
        current = []

    for i, page in enumerate(pages):
        if separator[i] is not None:
            close()
            if lead[i]:
                reason = separator[i]
                assert reason is not None
                if reason in _NEW_DOSSIER:
                    code = page.marks.sheet.dossier_code if page.marks.sheet else None
                    if pending_dossier is not None:
                        before, sheet = pending_dossier
                        if sheet == sheet_of[i]:  # both sides of one sheet printed: the one with a code
                            code = code or before.code
                        else:
                            notes.append(f"Tờ phân cách hồ sơ ở trang {before.separator_page} không có tài liệu "
                                         f"nào theo sau: hồ sơ bắt đầu từ tờ ở trang {page.number}.")
                    pending_dossier = (ProposedDossier(0, code, page.number, reason), sheet_of[i])
                pending = (reason, page.number)
            continue
        cut_here = bool(current) and (marks[i] is Reason.PATCH_2 or (
            rule.kind == "fixed" and not page.blank and counted >= rule.pages))
        if cut_here:
            close()
        if not current:
            if pending is not None:
                start = pending
            elif marks[i] is Reason.PATCH_2:
                start = (Reason.PATCH_2, page.number)
            elif rule.kind == "fixed" and documents:
                start = (Reason.PAGE_COUNT, None)
            else:
                start = (Reason.START, None)
            pending = None
            if pending_dossier is not None or not dossiers:
                base = pending_dossier[0] if pending_dossier else ProposedDossier(0, None, None, Reason.START)
                dossiers.append(ProposedDossier(len(dossiers), base.code, base.separator_page, base.reason))
                pending_dossier = None
            counted = 0
        current.append(i)
        counted += not page.blank
    close()
    if pending is not None:
        notes.append(f"Tờ phân cách ở trang {pending[1]} nằm cuối xấp giấy: không có tài liệu nào theo sau.")

    seps = tuple(SeparatorPage(p.number, r, p.page_id) for p, r in zip(pages, separator) if r is not None)
    proposal = SplitProposal(rule=rule, page_count=len(pages), documents=tuple(documents), dossiers=tuple(dossiers),
                             separators=seps, blank_pages=tuple(p.number for p in pages if p.blank),
                             notes=tuple(notes))
    check(proposal, numbers)
    return proposal


def check(proposal: SplitProposal, numbers: Sequence[int]) -> None:
    """Refuse a proposal that loses or doubles a page (every page: one document or a separator)."""
    seen = [n for d in proposal.documents for n in d.pages] + [s.number for s in proposal.separators]
    if sorted(seen) != sorted(numbers):
        raise AssertionError(f"split proposal loses or doubles pages: {sorted(seen)} != {sorted(numbers)}")
