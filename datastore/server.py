"""The reference data store (design §5): Starlette under uvicorn, SQLite catalog, files on disk.

Small on purpose: it is what the client is tested against and what a district runs without a
province's PostgreSQL and object storage.
"""
from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from datastore.auth import TokenSigner, check_client, load_signing_key, new_client
from datastore.blobs import BlobStore
from datastore.catalog import Catalog, DocumentQuery, PostgresCatalog, SqliteCatalog
from datastore.faults import FaultPlan
from datastore.masking import mask_personal_ids
from datastore.metadata import SHA256_HEX, metadata_problems
from datastore.openapi import openapi_document
from datastore.upload import UploadRefused, receive_upload

log = logging.getLogger("sohoa.datastore.server")

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
DEFAULT_PORT = 8750
PAGE_SIZE = 100


def open_catalog(data_dir: Path, database_url: str | None = None) -> Catalog:
    """The catalog named by database_url: SQLite in the data folder by default (or sqlite:///path),
    PostgreSQL for postgresql://... URLs."""
    if database_url is None:
        return SqliteCatalog(data_dir / "catalog.sqlite")
    if database_url.startswith("sqlite:///"):
        return SqliteCatalog(Path(database_url.removeprefix("sqlite:///")))
    if database_url.startswith(("postgresql://", "postgres://")):
        return PostgresCatalog(database_url)
    raise ValueError(f"unsupported database URL scheme: {database_url.split(':', 1)[0]} "
                     "(use sqlite:///PATH or postgresql://...)")


def add_client(data_dir: Path, name: str, *, database_url: str | None = None) -> tuple[str, str]:
    """Register an uploading workstation; returns (client_id, client_secret), the secret shown once."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return new_client(open_catalog(data_dir, database_url), name)


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'} if status == 401 else None
    return JSONResponse({"error": mask_personal_ids(message), **extra}, status_code=status, headers=headers)


class _Store:
    """The request handlers, sharing the catalog, the files, the token signer and the fault plan."""

    def __init__(self, catalog: Catalog, blobs: BlobStore, signer: TokenSigner, max_bytes: int,
                 faults: FaultPlan | None, page_size: int) -> None:
        self.catalog, self.blobs, self.signer = catalog, blobs, signer
        self.max_bytes, self.faults, self.page_size = max_bytes, faults or FaultPlan(), page_size
        self.puts_seen = 0

    def _client(self, request: Request) -> str | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        return self.signer.verify(token.strip())

    async def token(self, request: Request) -> Response:
        form = await request.form()
        grant = form.get("grant_type")
        client_id, secret = form.get("client_id"), form.get("client_secret")
        scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "basic":
            try:
                client_id, _, secret = base64.b64decode(encoded).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                return JSONResponse({"error": "invalid_client"}, status_code=401)
        if grant != "client_credentials":
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        if not isinstance(client_id, str) or not isinstance(secret, str) or not (
            await run_in_threadpool(check_client, self.catalog, client_id, secret)
        ):
            return JSONResponse({"error": "invalid_client"}, status_code=401,
                                headers={"WWW-Authenticate": 'Basic realm="sohoa-datastore"'})
        return JSONResponse({"access_token": self.signer.issue(client_id), "token_type": "bearer",
                             "expires_in": int(self.signer.ttl_seconds)},
                            headers={"Cache-Control": "no-store"})

    async def put_document(self, request: Request) -> Response:
        if self._client(request) is None:
            return _error(401, "missing, invalid or expired bearer token")
        sha256 = request.path_params["sha256"]
        if not SHA256_HEX.match(sha256):
            return _error(422, "the path must end with the document's SHA-256 as 64 lowercase hex digits")
        self.puts_seen += 1
        plan = self.faults
        if self.puts_seen <= plan.fail_first:
            return JSONResponse({"error": "injected fault"}, status_code=plan.status,
                                headers={"Retry-After": str(plan.retry_after)})
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes + (1 << 20):
            return _error(413, f"document larger than the store's limit of {self.max_bytes} bytes")
        try:
            upload = await receive_upload(request.headers.get("content-type", ""), request.stream(),
                                          self.blobs, self.max_bytes)
        except UploadRefused as refused:
            return _error(refused.status, str(refused))
        except ClientDisconnect:
            # A workstation that lost power or its line: nothing is stored, its outbox resends.
            log.info("client went away during the upload of %s; nothing stored", sha256)
            return Response(status_code=400)
        try:
            return await self._accept(sha256, upload, stall=self.puts_seen <= plan.fail_first + plan.stall_first)
        finally:
            if upload.temp is not None:
                upload.temp.unlink(missing_ok=True)

    async def _accept(self, sha256: str, upload: Any, *, stall: bool) -> Response:
        missing = [name for name, value in (("file", upload.temp), ("metadata", upload.metadata)) if value is None]
        if missing:
            return _error(422, "missing multipart parts", problems=[f"{name}: part is missing" for name in missing])
        if not upload.head.startswith(b"%PDF-"):
            return _error(415, "the `file` part is not a PDF (it does not start with %PDF-)")
        if upload.sha256 != sha256:
            return _error(422, f"content hash {upload.sha256} differs from the path's {sha256}")
        try:
            metadata = json.loads(upload.metadata)
        except (ValueError, UnicodeDecodeError) as exc:
            return _error(422, "metadata is not valid JSON", problems=[f"metadata: {exc}"])
        problems = metadata_problems(metadata, sha256)
        if isinstance(metadata, dict) and isinstance(metadata.get("bytes"), int) and metadata["bytes"] != upload.size:
            problems.append(f"bytes: says {metadata['bytes']}, the document has {upload.size}")
        if problems:
            return _error(422, "invalid metadata", problems=problems)
        await run_in_threadpool(self.blobs.commit, upload.temp, sha256)
        stored, created = await run_in_threadpool(self.catalog.add_document, sha256, upload.size, metadata)
        log.info("document %s %s", stored.receipt.id, "stored" if created else "already stored")
        if stall:
            await asyncio.sleep(self.faults.stall_seconds)
        return JSONResponse(stored.receipt.to_json(), status_code=201 if created else 200)

    async def get_document(self, request: Request) -> Response:
        if self._client(request) is None:
            return _error(401, "missing, invalid or expired bearer token")
        stored = await run_in_threadpool(self.catalog.document, request.path_params["id"])
        if stored is None:
            return _error(404, "no such document")
        return JSONResponse(stored.to_json())

    async def get_content(self, request: Request) -> Response:
        if self._client(request) is None:
            return _error(401, "missing, invalid or expired bearer token")
        stored = await run_in_threadpool(self.catalog.document, request.path_params["id"])
        if stored is None:
            return _error(404, "no such document")
        return FileResponse(self.blobs.path(stored.receipt.sha256), media_type="application/pdf")

    async def list_documents(self, request: Request) -> Response:
        if self._client(request) is None:
            return _error(401, "missing, invalid or expired bearer token")
        params = request.query_params
        page = params.get("page", "1")
        if not page.isdigit() or int(page) < 1:
            return _error(422, "page must be a positive integer")
        number = int(page)
        query = DocumentQuery(params.get("dossier_code"), params.get("kind"), params.get("sha256"))
        found = await run_in_threadpool(self.catalog.find, query, (number - 1) * self.page_size, self.page_size + 1)
        more = len(found) > self.page_size
        next_url = str(request.url.include_query_params(page=number + 1)) if more else None
        return JSONResponse({"items": [doc.to_json() for doc in found[: self.page_size]], "next": next_url})


def create_app(
    data_dir: Path,
    *,
    database_url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    faults: FaultPlan | None = None,
    token_ttl: float = 3600.0,
    page_size: int = PAGE_SIZE,
) -> Starlette:
    """Build the store over data_dir; leftovers of uploads interrupted by a crash are removed first."""
    data_dir.mkdir(parents=True, exist_ok=True)
    blobs = BlobStore(data_dir)
    blobs.clear_temp()
    store = _Store(open_catalog(data_dir, database_url), blobs,
                   TokenSigner(load_signing_key(data_dir), token_ttl), max_bytes, faults, page_size)
    description = openapi_document()

    async def openapi(request: Request) -> JSONResponse:
        return JSONResponse(description)

    return Starlette(routes=[
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/oauth/token", store.token, methods=["POST"]),
        Route("/v1/documents", store.list_documents, methods=["GET"]),
        Route("/v1/documents/{sha256}", store.put_document, methods=["PUT"]),
        Route("/v1/documents/{id}", store.get_document, methods=["GET"]),
        Route("/v1/documents/{id}/content", store.get_content, methods=["GET"]),
    ])


def serve(data_dir: Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
          tls_cert: Path | None = None, tls_key: Path | None = None, **app_options: Any) -> None:
    """Run the store until interrupted; TLS when a certificate and key are given (required off loopback)."""
    import uvicorn

    if host not in ("127.0.0.1", "::1", "localhost") and not tls_cert:
        log.warning("serving on %s without TLS: bearer tokens and citizens' documents travel in clear", host)
    uvicorn.run(create_app(data_dir, **app_options), host=host, port=port,
                ssl_certfile=str(tls_cert) if tls_cert else None, ssl_keyfile=str(tls_key) if tls_key else None,
                log_level="info")
