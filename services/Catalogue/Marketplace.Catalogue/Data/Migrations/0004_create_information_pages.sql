-- Information pages of the Local Offer, written by local authority officers in Markdown. The current version is
-- in information_pages; every version, the current one included, is kept in information_page_versions.
CREATE TABLE information_pages (
    id uuid PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    title text NOT NULL,
    summary text NOT NULL DEFAULT '',
    body text NOT NULL,
    sections text[] NOT NULL DEFAULT '{}',
    audit_aspects text[] NOT NULL DEFAULT '{}',
    version integer NOT NULL,
    last_reviewed date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL
);
CREATE INDEX information_pages_sections ON information_pages USING gin (sections);
CREATE INDEX information_pages_audit_aspects ON information_pages USING gin (audit_aspects);

CREATE TABLE information_page_versions (
    page_id uuid NOT NULL REFERENCES information_pages (id),
    version integer NOT NULL,
    title text NOT NULL,
    summary text NOT NULL,
    body text NOT NULL,
    sections text[] NOT NULL,
    audit_aspects text[] NOT NULL,
    last_reviewed date NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now(),
    saved_by text NOT NULL,
    PRIMARY KEY (page_id, version)
);
