"""Receive a multipart document upload as a stream: the PDF goes to a temp file while it is hashed,
so a 500 MB scan costs disk, not memory, and the hash is known when the last byte lands."""
from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from python_multipart import MultipartParser
from python_multipart.multipart import parse_options_header

from datastore.blobs import BlobStore

MAX_METADATA_BYTES = 1 << 20


class UploadRefused(Exception):
    """The body cannot be accepted; status is the HTTP answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class ReceivedUpload:
    temp: Path | None  # None when the body had no `file` part
    sha256: str
    size: int
    head: bytes
    metadata: bytes | None


class _Parts:
    """Callbacks for python-multipart's push parser; keeps only the file on disk and metadata in memory."""

    def __init__(self, blobs: BlobStore, max_bytes: int) -> None:
        self.blobs, self.max_bytes = blobs, max_bytes
        self.header_field = b""
        self.headers: dict[bytes, bytes] = {}
        self.part: bytes | None = None
        self.file: BinaryIO | None = None
        self.temp: Path | None = None
        self.digest = hashlib.sha256()
        self.size = 0
        self.head = b""
        self.metadata: bytearray | None = None
        self.too_big = False
        self.problem: str | None = None

    def on_part_begin(self) -> None:
        self.headers, self.part = {}, None

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        name = self.header_field.lower()
        self.headers[name] = self.headers.get(name, b"") + data[start:end]

    def on_header_end(self) -> None:
        self.header_field = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.headers.get(b"content-disposition", b""))
        self.part = options.get(b"name")
        if self.part == b"file":
            if self.temp is not None:
                self.problem = "more than one `file` part"
                return
            self.file, self.temp = self.blobs.new_temp()
        elif self.part == b"metadata":
            if self.metadata is not None:
                self.problem = "more than one `metadata` part"
            self.metadata = bytearray()

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self.part == b"file" and self.file is not None:
            self.size += len(chunk)
            if self.size > self.max_bytes:
                # Keep draining a modest overshoot so the client reads the 413 instead of a reset.
                self.too_big = True
                if self.size > 2 * self.max_bytes + (1 << 20):
                    raise UploadRefused(413, f"document larger than the store's limit of {self.max_bytes} bytes")
                return
            if len(self.head) < 5:
                self.head = (self.head + chunk)[:5]
            self.digest.update(chunk)
            self.file.write(chunk)
        elif self.part == b"metadata" and self.metadata is not None:
            if len(self.metadata) + len(chunk) > MAX_METADATA_BYTES:
                self.problem = "metadata part larger than 1 MiB"
                return
            self.metadata += chunk

    def on_part_end(self) -> None:
        if self.part == b"file" and self.file is not None:
            self.file.flush()
        self.part = None

    def callbacks(self) -> dict[str, object]:
        names = ("on_part_begin", "on_header_field", "on_header_value", "on_header_end",
                 "on_headers_finished", "on_part_data", "on_part_end")
        return {name: getattr(self, name) for name in names}

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


async def receive_upload(
    content_type: str, body: AsyncIterator[bytes], blobs: BlobStore, max_bytes: int
) -> ReceivedUpload:
    """Parse the body; on any refusal or disconnect the temp file is removed before raising."""
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UploadRefused(415, "expected multipart/form-data with parts `file` and `metadata`")
    parts = _Parts(blobs, max_bytes)
    parser = MultipartParser(boundary, parts.callbacks())  # type: ignore[arg-type]
    try:
        async for chunk in body:
            parser.write(chunk)
        parser.finalize()
        parts.close()
        if parts.too_big:
            raise UploadRefused(413, f"document larger than the store's limit of {max_bytes} bytes")
        if parts.problem:
            raise UploadRefused(422, parts.problem)
    except BaseException as exc:
        parts.close()
        if parts.temp is not None:
            parts.temp.unlink(missing_ok=True)
        if isinstance(exc, ValueError) and not isinstance(exc, UploadRefused):
            raise UploadRefused(400, f"malformed multipart body: {exc}") from None
        raise
    metadata = bytes(parts.metadata) if parts.metadata is not None else None
    return ReceivedUpload(parts.temp, parts.digest.hexdigest(), parts.size, parts.head, metadata)
