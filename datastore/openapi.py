"""The store API's OpenAPI description, served at /openapi.json (design §5).

Written out rather than generated: the API is five operations and this document is
its contract with other implementations (a province's own store, the national portal).
"""
from __future__ import annotations

from typing import Any

_RECEIPT = {"type": "object", "required": ["id", "sha256", "bytes", "stored_at"],
            "properties": {"id": {"type": "string"}, "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                           "bytes": {"type": "integer"}, "stored_at": {"type": "string", "format": "date-time"}}}
_ERROR = {"type": "object", "properties": {"error": {"type": "string"}}}
_DOCUMENT = {"allOf": [{"$ref": "#/components/schemas/Receipt"},
                       {"type": "object", "properties": {"metadata": {"$ref": "#/components/schemas/Metadata"}}}]}
_METADATA = {"type": "object", "required": ["schema", "kind", "pages", "bytes", "sha256"],
             "properties": {"schema": {"const": "sohoa.document/1"},
                            "kind": {"enum": ["dossier_component", "result"]},
                            "dossier_code": {"type": "string"}, "procedure_code": {"type": "string"},
                            "component": {"type": "string"}, "document_type": {"type": "string"},
                            "fields": {"type": "object"}, "owner": {"type": "object"},
                            "pages": {"type": "integer"}, "bytes": {"type": "integer"},
                            "sha256": {"type": "string"}, "digitized": {"type": "object"},
                            "signature": {"type": "object"}}}


def _responses(ok: dict[str, Any], *errors: int) -> dict[str, Any]:
    out = dict(ok)
    for status in (401, *errors):
        out[str(status)] = {"description": {401: "missing, wrong or expired token", 404: "no such document",
                                            413: "body too large", 415: "not a PDF",
                                            422: "hash mismatch or invalid metadata"}[status],
                            "content": {"application/json": {"schema": _ERROR}}}
    return out


def openapi_document() -> dict[str, Any]:
    json_of = lambda ref: {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}  # noqa: E731
    doc_id = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "SoHoa reference data store", "version": "1"},
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"},
                                "clientCredentials": {"type": "oauth2", "flows": {"clientCredentials": {
                                    "tokenUrl": "/oauth/token", "scopes": {}}}}},
            "schemas": {"Receipt": _RECEIPT, "Metadata": _METADATA, "Document": _DOCUMENT},
        },
        "security": [{"bearer": []}],
        "paths": {
            "/oauth/token": {"post": {
                "summary": "Client credentials grant: a bearer token with an expiry", "security": [],
                "requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": {
                    "type": "object", "properties": {"grant_type": {"const": "client_credentials"},
                                                     "client_id": {"type": "string"},
                                                     "client_secret": {"type": "string"}}}}}},
                "responses": {"200": {"description": "token", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"access_token": {"type": "string"},
                                                     "token_type": {"const": "bearer"},
                                                     "expires_in": {"type": "integer"}}}}}},
                              "401": {"description": "unknown client or wrong secret"}}}},
            "/v1/documents/{sha256}": {"put": {
                "summary": "Store a signed PDF and its metadata; the same hash again returns the same receipt",
                "parameters": [{"name": "sha256", "in": "path", "required": True, "schema": {"type": "string"}}],
                "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                    "type": "object", "required": ["file", "metadata"],
                    "properties": {"file": {"type": "string", "format": "binary"},
                                   "metadata": {"$ref": "#/components/schemas/Metadata"}}}}}},
                "responses": _responses({"201": {"description": "stored", "content": json_of("Receipt")},
                                         "200": {"description": "already stored", "content": json_of("Receipt")}},
                                        413, 415, 422)}},
            "/v1/documents/{id}": {"get": {
                "summary": "A document's receipt and metadata", "parameters": [doc_id],
                "responses": _responses({"200": {"description": "found", "content": json_of("Document")}}, 404)}},
            "/v1/documents/{id}/content": {"get": {
                "summary": "The PDF", "parameters": [doc_id],
                "responses": _responses({"200": {"description": "the PDF", "content": {"application/pdf": {}}}},
                                        404)}},
            "/v1/documents": {"get": {
                "summary": "Documents by dossier code, kind or hash, a page at a time",
                "parameters": [{"name": name, "in": "query", "schema": {"type": kind}}
                               for name, kind in (("dossier_code", "string"), ("kind", "string"),
                                                  ("sha256", "string"), ("page", "integer"))],
                "responses": _responses({"200": {"description": "a page of documents", "content": {
                    "application/json": {"schema": {"type": "object", "properties": {
                        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Document"}},
                        "next": {"type": ["string", "null"]}}}}}}})}},
        },
    }
