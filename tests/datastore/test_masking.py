"""Citizens' personal IDs never appear whole in error text."""
from __future__ import annotations

from pathlib import Path

import pytest

from datastore.client import PermanentError, TransientError
from datastore.credentials import StoreCredentials
from datastore.masking import mask_personal_ids
from datastore.outbox import InvalidDocument, Outbox
from tests.datastore.conftest import make_pdf, metadata_for


def test_mask_personal_ids() -> None:
    assert mask_personal_ids("CCCD 079123451234, CMND 023456789.") == "CCCD 079*****1234, CMND 023**6789."
    assert mask_personal_ids("phone 0912345678") == "phone 0912345678"  # 10 digits: not an ID
    digest = "ab079123451234cd" * 4
    assert mask_personal_ids(digest) == digest  # digits inside a hash stay intact


def test_errors_are_masked() -> None:
    assert "079123451234" not in str(PermanentError("owner 079123451234 refused", 422))
    assert "079*****1234" in str(TransientError("owner 079123451234"))


def test_queue_refusal_is_masked(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "cccd 079123451234.pdf")
    with pytest.raises(InvalidDocument) as refused:
        Outbox(tmp_path / "outbox").queue(pdf, metadata_for(pdf, kind="photo"))
    assert "079*****1234" in str(refused.value) and "079123451234" not in str(refused.value)
    assert "kind" in str(refused.value)
    assert not list((tmp_path / "outbox" / "entries").iterdir())


def test_secret_not_in_repr() -> None:
    assert "s3cret" not in repr(StoreCredentials("http://x", "c_1", "s3cret"))
