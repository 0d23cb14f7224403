"""Fault injection for tests: the server itself misbehaves, so the real client is exercised."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FaultPlan:
    """Make the first document PUTs fail or hang.

    fail_first: the first N PUTs answer `status` with Retry-After `retry_after` (body unread).
    stall_first: the next N PUTs store the document, then wait `stall_seconds` before answering,
    so a client can be killed after the store has the document but before it sees the receipt.
    """

    fail_first: int = 0
    status: int = 503
    retry_after: int = 0
    stall_first: int = 0
    stall_seconds: float = 0.0
