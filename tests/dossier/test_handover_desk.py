"""The handover as the desk's screen works it: the day's candidates, a draft that records
nothing, and a list recorded and signed with the demo identity."""
from __future__ import annotations

from pathlib import Path

import pytest

from dossier.demo_identity import DEMO_COMMON_NAME, DEMO_P12_PASSWORD, demo_identity
from dossier.handover_desk import DRAFT_NUMBER, candidates, draft, list_pdf, record
from dossier.handover_store import HandoverRefused, HandoverRequest, list_numbers
from dossier.signing_lane import Signer
from dossier.workspace import Workspace
from signing.verify import verify_pdf
from tests.dossier.outputs_fixtures import make_dossier

CODES = ("000.13.27.H38-250312-0007", "000.13.27.H38-250312-0008")


def request(*codes: str, employee: str = "Nguyễn Thị Hường") -> HandoverRequest:
    return HandoverRequest(codes=codes, employee=employee, receiver="", post_office="Bưu điện thị xã Thuận An",
                           desk="Bộ phận Một cửa UBND thị xã Thuận An")


@pytest.fixture
def day(workspace: Workspace, tmp_path: Path) -> Workspace:
    folder = tmp_path / "papers"
    folder.mkdir()
    for code in CODES:
        make_dossier(workspace, folder, code)
    workspace.create_dossier(received_date="2025-03-12")  # no code yet: cannot go on a list
    return workspace


def test_candidates_mask_ids_and_count_pages(day: Workspace) -> None:
    found = candidates(day, "2025-03-12")
    assert [c.code for c in found] == [*CODES, None]
    assert found[0].masked_id == "079*****1234" and found[0].pages == 5 and found[0].components == 2
    assert [c.can_hand_over for c in found] == [True, True, False]


def test_a_draft_records_nothing(day: Workspace) -> None:
    handover, pdf = draft(day, request(*CODES))
    assert handover.number == DRAFT_NUMBER and pdf.startswith(b"%PDF") and handover.pages == 10
    assert list_numbers(day) == [] and day.find_dossier(CODES[0]).handover is None


def test_a_signed_list_is_recorded_once(day: Workspace, tmp_path: Path) -> None:
    key = demo_identity(tmp_path / "keys")
    signer = Signer(p12=key, secret=DEMO_P12_PASSWORD.decode())
    handover, _ = record(day, request(*CODES, employee=""), signer)
    assert handover.employee == DEMO_COMMON_NAME  # the signer's name when none is given
    report = verify_pdf(list_pdf(day, handover.number), trust_roots=(), check_revocation=False)
    assert report.signatures and report.signatures[0].intact
    assert [c.handover for c in candidates(day, "2025-03-12")[-2:]] == [handover.number] * 2
    with pytest.raises(HandoverRefused, match=handover.number):
        record(day, request(CODES[1]))
