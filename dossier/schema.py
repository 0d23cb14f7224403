"""The workspace database's schema, as an ordered list of migration steps.

``PRAGMA user_version`` holds the number of steps applied. A released step is never edited:
a change to the schema is a new step at the end, so every workspace in the field, whatever
release made it, is brought forward by the steps it has not seen. Each step runs in one
transaction with the version bump, so a crash mid-migration leaves the previous version.
"""
from __future__ import annotations

import sqlite3

# v1, the first release: the records and the audit trail.
_V1 = """
CREATE TABLE batches (
    id INTEGER PRIMARY KEY, operator TEXT NOT NULL, device TEXT, profile TEXT,
    started_at TEXT NOT NULL);

CREATE TABLE dossiers (
    id INTEGER PRIMARY KEY, code TEXT UNIQUE, procedure_code TEXT, applicant_name TEXT,
    applicant_personal_id TEXT, received_date TEXT NOT NULL, appointment_date TEXT,
    code_issued INTEGER NOT NULL DEFAULT 0, handover TEXT, handed_over_at TEXT,
    created_at TEXT NOT NULL);
CREATE INDEX dossiers_received ON dossiers(received_date);
CREATE INDEX dossiers_handover ON dossiers(handover) WHERE handover IS NOT NULL;

-- The last sequence number issued per agency and day (Circular 01/2018 Art. 19); bumped in
-- the transaction that records the dossier, so a number is never handed out twice.
CREATE TABLE dossier_sequences (
    agency TEXT NOT NULL, day TEXT NOT NULL, last INTEGER NOT NULL,
    PRIMARY KEY (agency, day)) WITHOUT ROWID;

CREATE TABLE documents (
    id INTEGER PRIMARY KEY, dossier_id INTEGER REFERENCES dossiers(id),
    batch_id INTEGER REFERENCES batches(id),
    kind TEXT NOT NULL CHECK (kind IN ('dossier_component', 'result')),
    component TEXT, document_type TEXT, position INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL, last_error TEXT,
    reviewed_by TEXT, reviewed_at TEXT, review_automatic INTEGER NOT NULL DEFAULT 0,
    pdf_path TEXT, sha256 TEXT, signed_pdf_path TEXT, signed_sha256 TEXT,
    outbox_entry_id TEXT, receipt TEXT,
    removed INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX documents_dossier ON documents(dossier_id, position);
CREATE INDEX documents_batch ON documents(batch_id);
-- The pipeline's work queues: documents in a state, oldest first.
CREATE INDEX documents_state ON documents(state, id) WHERE removed = 0;

CREATE TABLE extractions (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id), json TEXT NOT NULL,
    saved_at TEXT NOT NULL);

CREATE TABLE pages (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL, image_path TEXT NOT NULL, image_sha256 TEXT NOT NULL,
    source_file TEXT, source_page INTEGER,
    rotation INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
    blank INTEGER NOT NULL DEFAULT 0, separator INTEGER NOT NULL DEFAULT 0,
    note TEXT CHECK (note IN ('with_note', 'without_note')), note_pair INTEGER,
    ocr_path TEXT, cleaned_path TEXT,
    removed INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL);
CREATE INDEX pages_document ON pages(document_id, position);

CREATE TABLE corrections (
    id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),
    field TEXT NOT NULL, old_value TEXT, new_value TEXT, who TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX corrections_document ON corrections(document_id, id);

-- The audit trail: append-only (the triggers refuse changes made through SQL; what they
-- cannot stop, a direct edit of the file, the hash chain reveals: see dossier/audit.py).
CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,
    document_id INTEGER, document_sha256 TEXT, details TEXT NOT NULL,
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX audit_document ON audit_events(document_id, seq) WHERE document_id IS NOT NULL;
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1), count INTEGER NOT NULL, hash TEXT NOT NULL);
INSERT INTO audit_head (id, count, hash) VALUES (1, 0, '');
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
"""

# v2: postal handover lists (dossier/handover_store.py). ``dossiers.handover`` names the list;
# these hold what the list says. A dossier is on one list only: UNIQUE (dossier_id).
_V2 = """
CREATE TABLE handover_lists (
    id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, day TEXT NOT NULL, sequence INTEGER NOT NULL,
    handed_at TEXT NOT NULL, post_office TEXT NOT NULL, employee TEXT NOT NULL, desk TEXT NOT NULL,
    receiver TEXT NOT NULL, pdf_path TEXT, pdf_sha256 TEXT, signed INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL, UNIQUE (day, sequence));
CREATE TABLE handover_entries (
    list_id INTEGER NOT NULL REFERENCES handover_lists(id),
    dossier_id INTEGER NOT NULL UNIQUE REFERENCES dossiers(id),
    position INTEGER NOT NULL, postal_item TEXT, note TEXT,
    PRIMARY KEY (list_id, position)) WITHOUT ROWID;
"""

# v3: the page operations' undo log (dossier/pages.py), in the database so undo survives a restart.
_V3 = """
CREATE TABLE page_operations (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, before TEXT NOT NULL, after TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0, who TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE page_operation_documents (
    document_id INTEGER NOT NULL,
    operation_id INTEGER NOT NULL REFERENCES page_operations(id) ON DELETE CASCADE,
    PRIMARY KEY (document_id, operation_id)) WITHOUT ROWID;
CREATE INDEX page_operation_documents_op ON page_operation_documents(operation_id);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)

LATEST = len(MIGRATIONS)


class SchemaTooNew(RuntimeError):
    """The workspace was written by a newer SoHoa; opening it with this one could damage it."""


def version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection, upto: int = LATEST) -> int:
    """Apply the steps this database has not seen, up to ``upto``; returns the version reached.

    ``db`` must be in autocommit mode (``isolation_level=None``): each step's script carries
    its own BEGIN/COMMIT, because ``executescript`` would commit a transaction opened outside.
    """
    current = version(db)
    if current > LATEST:
        raise SchemaTooNew(f"không mở được kho làm việc: cơ sở dữ liệu ở phiên bản {current}, "
                           f"bản SoHoa này chỉ biết đến phiên bản {LATEST}; hãy cập nhật SoHoa")
    while (current := version(db)) < upto:
        number = current + 1
        try:
            db.executescript(f"BEGIN IMMEDIATE;\n{MIGRATIONS[number - 1]}\n"
                             f"PRAGMA user_version = {number};\nCOMMIT;")
        except sqlite3.Error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if version(db) >= number:  # another process opening the workspace migrated it first
                continue
            raise
    return current
