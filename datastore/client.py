"""HTTP client of the data store (design §5): token by client credentials, streamed multipart PUT.

Answers are sorted into what the outbox must do: retry later (TransientError), give up on
this document (PermanentError), or fix the configuration (AuthenticationFailed).
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from requests_toolbelt.multipart.encoder import MultipartEncoder

from datastore.credentials import StoreCredentials
from datastore.masking import mask_personal_ids
from datastore.receipt import Receipt

RETRYABLE_STATUS = frozenset({408, 429}) | frozenset(range(500, 600))
# Renew a little before expiry so a token does not lapse while a large PDF is in flight.
TOKEN_MARGIN_SECONDS = 30.0


class StoreError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(mask_personal_ids(message))


class TransientError(StoreError):
    """Worth retrying: connection trouble, 408, 429 or 5xx; retry_after is the server's wish in seconds."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentError(StoreError):
    """The store refused this document (4xx); sending it again unchanged will not help."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class AuthenticationFailed(StoreError):
    """The store refused the workstation's credentials; nothing can be sent until they are fixed."""


@dataclass(frozen=True)
class PutResult:
    receipt: Receipt
    created: bool


@dataclass(frozen=True)
class Timeouts:
    connect: float = 5.0
    read: float = 120.0


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date is rare from this store; fall back to our own backoff


def _reason(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return f"HTTP {response.status_code}: {response.text[:300]}"
    problems = body.get("problems") if isinstance(body, dict) else None
    message = body.get("error", "") if isinstance(body, dict) else str(body)
    if problems:
        message = f"{message}: {'; '.join(map(str, problems))}"
    return f"HTTP {response.status_code}: {message}"


class StoreClient:
    def __init__(self, credentials: StoreCredentials, *, session: requests.Session | None = None,
                 timeouts: Timeouts = Timeouts()) -> None:
        self.credentials = credentials
        self.session = session or requests.Session()
        self.timeouts = timeouts
        self._token: str | None = None
        self._token_expires = 0.0

    @property
    def url(self) -> str:
        return self.credentials.url

    def token(self) -> str:
        """A valid bearer token, fetched again when missing or about to expire."""
        if self._token is None or time.monotonic() >= self._token_expires:
            self._fetch_token()
        assert self._token is not None
        return self._token

    def _fetch_token(self) -> None:
        try:
            response = self.session.post(
                f"{self.url}/oauth/token",
                data={"grant_type": "client_credentials", "client_id": self.credentials.client_id,
                      "client_secret": self.credentials.client_secret},
                timeout=(self.timeouts.connect, self.timeouts.read))
        except requests.RequestException as exc:
            raise TransientError(f"cannot reach the store at {self.url}: {type(exc).__name__}") from None
        if response.status_code in RETRYABLE_STATUS:
            raise TransientError(f"token request: {_reason(response)}", _retry_after(response))
        if response.status_code != 200:
            raise AuthenticationFailed(f"the store refused client {self.credentials.client_id}: {_reason(response)}")
        body = response.json()
        self._token = body["access_token"]
        lifetime = float(body.get("expires_in", 3600))
        self._token_expires = time.monotonic() + lifetime - min(TOKEN_MARGIN_SECONDS, lifetime / 2)

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """Send with the bearer token; on 401 renew the token once and resend (body factories allowed)."""
        body_factory = kwargs.pop("body_factory", None)
        for attempt in (1, 2):
            headers = {"Authorization": f"Bearer {self.token()}"}
            if body_factory is not None:
                encoder = body_factory()
                kwargs["data"] = encoder
                headers["Content-Type"] = encoder.content_type
            try:
                response = self.session.request(method, f"{self.url}{path}", headers=headers,
                                                timeout=(self.timeouts.connect, self.timeouts.read), **kwargs)
            except requests.RequestException as exc:
                raise TransientError(f"{method} {path}: {type(exc).__name__}: {exc}") from None
            finally:
                if body_factory is not None:
                    kwargs["data"].fields["file"][1].close()
            if response.status_code != 401 or attempt == 2:
                return response
            self._token = None
        raise AssertionError("unreachable")

    def put_document(self, pdf: Path, metadata: dict[str, Any], sha256: str) -> PutResult:
        """Upload one document, streaming the file from disk; raises the error kinds above."""
        meta_bytes = json.dumps(metadata, ensure_ascii=False).encode()

        def body() -> MultipartEncoder:
            return MultipartEncoder(fields={
                "metadata": ("metadata.json", meta_bytes, "application/json"),
                "file": (pdf.name, open(pdf, "rb"), "application/pdf"),
            })

        response = self._request("PUT", f"/v1/documents/{sha256}", body_factory=body)
        if response.status_code in (200, 201):
            try:
                return PutResult(Receipt.from_json(response.json()), response.status_code == 201)
            except ValueError as exc:
                raise TransientError(f"unreadable receipt from the store: {exc}") from None
        return self._raise_for(response)

    def get_document(self, document_id: str) -> dict[str, Any]:
        response = self._request("GET", f"/v1/documents/{document_id}")
        return response.json() if response.status_code == 200 else self._raise_for(response)

    def get_content(self, document_id: str, destination: Path) -> Path:
        """Download a stored PDF to destination, streamed."""
        response = self._request("GET", f"/v1/documents/{document_id}/content", stream=True)
        if response.status_code != 200:
            self._raise_for(response)
        with open(destination, "wb") as handle:
            for chunk in response.iter_content(1 << 16):
                handle.write(chunk)
        return destination

    def find_documents(self, **query: str) -> list[dict[str, Any]]:
        """All documents matching dossier_code / kind / sha256, following the `next` pages."""
        items: list[dict[str, Any]] = []
        response = self._request("GET", "/v1/documents", params=query)
        while True:
            if response.status_code != 200:
                self._raise_for(response)
            page = response.json()
            items.extend(page["items"])
            if not page["next"]:
                return items
            next_url = urlsplit(page["next"])
            response = self._request("GET", f"{next_url.path}?{next_url.query}")

    @staticmethod
    def _raise_for(response: requests.Response) -> Any:
        if response.status_code in RETRYABLE_STATUS:
            raise TransientError(_reason(response), _retry_after(response))
        if response.status_code == 401:
            raise AuthenticationFailed(_reason(response))
        raise PermanentError(_reason(response), response.status_code)
