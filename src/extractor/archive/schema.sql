-- The archive's SQLite schema. Version 1. Documented in docs/archive.md.
--
-- Per-document tables (documents ... figures) hold what `extractor extract` produced, one row
-- per record, with every mention and its offsets; each document is written in one transaction.
-- Archive tables (persons ..., archive_events ...) are derived from all documents by
-- `extractor.archive.resolve` and rebuilt whole, in one transaction, after each index run.

CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL,
    applied TEXT NOT NULL               -- ISO timestamp (UTC)
);

CREATE TABLE IF NOT EXISTS archive_meta (
    key TEXT PRIMARY KEY,               -- documents_generation, resolved_generation, ...
    value TEXT
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    source TEXT,                        -- outlet (`article.source` of the records)
    url TEXT,
    title TEXT,
    published TEXT,                     -- ISO date, possibly partial
    published_granularity TEXT,         -- day | month | year (from the form of `published`)
    published_source TEXT,              -- input | text | inferred ... (`article.published_source`)
    dateline TEXT,
    content_hash TEXT NOT NULL,         -- sha256 of records_hash + text_hash: same hash, nothing to do
    records_hash TEXT NOT NULL,         -- sha256 of the record line as `extract` writes it
    text_hash TEXT,                     -- sha256 of the text; NULL when indexed without text
    origin TEXT,                        -- FILE:LINE the records were read from
    fts_rowid INTEGER,                  -- its row in documents_fts
    indexed_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS texts (
    doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
    text TEXT NOT NULL                  -- the article exactly as read: record offsets index it
);

-- Full-text index over titles and texts; rowid = documents.rowid.
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    doc_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE IF NOT EXISTS officials (
    official_id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,               -- position in the document's `officials` list
    name TEXT NOT NULL,
    title TEXT,
    organization TEXT,
    country TEXT,
    rule TEXT,
    score REAL,
    UNIQUE (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS events (
    event_id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    ordinal INTEGER,
    location TEXT,
    start TEXT,
    "end" TEXT,
    status TEXT,
    rule TEXT,
    score REAL,
    UNIQUE (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS event_parties (
    event_id INTEGER NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    party TEXT NOT NULL,                -- ISO alpha-2 or bloc acronym
    PRIMARY KEY (event_id, party)
);

CREATE TABLE IF NOT EXISTS event_chairs (
    event_id INTEGER NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    name TEXT NOT NULL,                 -- an official's `name` in the same document
    PRIMARY KEY (event_id, name)
);

-- Officials taking part in an event of their document: its chairs, and officials named in the
-- sentence of one of the event's mentions (`basis`: chair | sentence).
CREATE TABLE IF NOT EXISTS event_participants (
    event_id INTEGER NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    official_id INTEGER NOT NULL REFERENCES officials(official_id) ON DELETE CASCADE,
    basis TEXT NOT NULL,
    PRIMARY KEY (event_id, official_id)
);

CREATE TABLE IF NOT EXISTS dates (
    date_id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    value_end TEXT,
    granularity TEXT NOT NULL,
    rule TEXT,
    UNIQUE (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS priority_areas (
    area_id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    area TEXT NOT NULL,
    rule TEXT,
    UNIQUE (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS figures (
    figure_id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT,
    subject TEXT,
    rule TEXT,
    UNIQUE (doc_id, idx)
);

-- Mentions of officials, events and priority areas (dates and figures are their own span).
CREATE TABLE IF NOT EXISTS mentions (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    record_type TEXT NOT NULL,          -- officials | events | priority_areas
    record_id INTEGER NOT NULL,         -- official_id | event_id | area_id
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);

-- Partners of a document: the non-Indonesian parties of its events, else the countries of its
-- non-Indonesian officials (basis: event | official). Used by `areas` and `figures`.
CREATE TABLE IF NOT EXISTS document_partners (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    partner TEXT NOT NULL,
    basis TEXT NOT NULL,
    PRIMARY KEY (doc_id, partner)
);

-- ---- archive tables: rebuilt by resolution ------------------------------------------------

CREATE TABLE IF NOT EXISTS persons (
    person_id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,           -- slug of the name, stable while the name is
    name TEXT NOT NULL,                 -- the best-supported full name form
    country TEXT,                       -- the most frequent country
    documents INTEGER NOT NULL          -- how many articles name the person
);

CREATE TABLE IF NOT EXISTS person_officials (
    official_id INTEGER PRIMARY KEY REFERENCES officials(official_id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES persons(person_id) ON DELETE CASCADE
);

-- Why two groups of officials were joined into one person: the rule and its evidence (JSON:
-- names, titles, countries, co-occurring persons).
CREATE TABLE IF NOT EXISTS person_merges (
    person_id INTEGER NOT NULL REFERENCES persons(person_id) ON DELETE CASCADE,
    official_id INTEGER NOT NULL,       -- an official of the joined group
    joined_official_id INTEGER NOT NULL,-- an official of the group it joined
    rule TEXT NOT NULL,                 -- same_name | known_alias | name_variant | name_part | mention_form
    evidence TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS archive_events (
    archive_event_id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    ordinal INTEGER,
    location TEXT,
    start TEXT,
    "end" TEXT,
    date_basis TEXT,                    -- reported (an event date) | published (sources' dates only)
    status TEXT,
    parties TEXT NOT NULL,              -- JSON list, the union over sources
    sources INTEGER NOT NULL            -- number of source articles
);

CREATE TABLE IF NOT EXISTS archive_event_sources (
    event_id INTEGER PRIMARY KEY REFERENCES events(event_id) ON DELETE CASCADE,
    archive_event_id INTEGER NOT NULL REFERENCES archive_events(archive_event_id) ON DELETE CASCADE,
    evidence TEXT                       -- JSON: why it joined (rule, shared fields), NULL for the first
);

-- Every value the sources give for a field, with its support (number of sources);
-- `chosen` marks the archive event's value. A field with several rows is a disagreement.
CREATE TABLE IF NOT EXISTS archive_event_values (
    archive_event_id INTEGER NOT NULL REFERENCES archive_events(archive_event_id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    value TEXT NOT NULL,                -- JSON-encoded value
    support INTEGER NOT NULL,
    chosen INTEGER NOT NULL,
    doc_ids TEXT NOT NULL               -- JSON list of the sources giving it
);

-- Linked, not merged: a meeting (or signing, ...) held during a visit, a leg of a tour.
CREATE TABLE IF NOT EXISTS archive_event_links (
    archive_event_id INTEGER NOT NULL REFERENCES archive_events(archive_event_id) ON DELETE CASCADE,
    linked_event_id INTEGER NOT NULL REFERENCES archive_events(archive_event_id) ON DELETE CASCADE,
    relation TEXT NOT NULL,             -- during: linked_event_id took place during archive_event_id; part_of: linked_event_id is a leg of tour archive_event_id
    doc_ids TEXT NOT NULL,              -- JSON list of articles reporting both (empty: inferred from reports in different articles)
    PRIMARY KEY (archive_event_id, linked_event_id)
);

CREATE INDEX IF NOT EXISTS officials_doc ON officials(doc_id);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);
CREATE INDEX IF NOT EXISTS dates_doc ON dates(doc_id);
CREATE INDEX IF NOT EXISTS areas_doc ON priority_areas(doc_id);
CREATE INDEX IF NOT EXISTS figures_doc ON figures(doc_id);
CREATE INDEX IF NOT EXISTS mentions_record ON mentions(record_type, record_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE INDEX IF NOT EXISTS participants_official ON event_participants(official_id);
CREATE INDEX IF NOT EXISTS person_officials_person ON person_officials(person_id);
CREATE INDEX IF NOT EXISTS archive_sources_event ON archive_event_sources(archive_event_id);
CREATE INDEX IF NOT EXISTS event_parties_party ON event_parties(party);
CREATE INDEX IF NOT EXISTS partners_partner ON document_partners(partner);
