-- Vetting: who the provider is, how to reach it, the identifiers a council checks, and its status history.
ALTER TABLE providers
    ADD COLUMN contact_name text NULL,
    ADD COLUMN contact_phone text NULL,
    ADD COLUMN ofsted_urn text NULL,
    ADD COLUMN cqc_location_id text NULL,
    ADD COLUMN charity_number text NULL,
    ADD COLUMN company_number text NULL,
    ADD COLUMN owner_user_id text NULL,
    ADD COLUMN status_version integer NOT NULL DEFAULT 0,
    ADD COLUMN submitted_at timestamptz NULL,
    ADD COLUMN decided_at timestamptz NULL,
    ADD COLUMN last_reason text NULL,
    ADD COLUMN decided_snapshot jsonb NULL;
CREATE INDEX providers_status_submitted ON providers (status, submitted_at);

-- Evidence with its expiry date. The file itself is optional metadata for seeded demo data only;
-- anything uploaded through the API carries its checked content.
CREATE TABLE evidence (
    id uuid PRIMARY KEY,
    provider_id uuid NOT NULL REFERENCES providers (id),
    kind text NOT NULL CHECK (kind IN ('public-liability-insurance', 'safeguarding-policy', 'registration-certificate')),
    expires_on date NULL,
    file_name text NULL,
    content_type text NULL,
    size_bytes integer NULL,
    content bytea NULL,
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    uploaded_by text NULL,
    superseded_at timestamptz NULL
);
CREATE INDEX evidence_current ON evidence (provider_id, kind) WHERE superseded_at IS NULL;
CREATE INDEX evidence_expiry ON evidence (expires_on) WHERE superseded_at IS NULL;

-- Every decision by the local authority (and by the scheduled checks): who, when, what, why. Append-only.
CREATE TABLE audit_trail (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor_id text NOT NULL,
    actor_name text NOT NULL,
    actor_role text NOT NULL,
    provider_id uuid NOT NULL REFERENCES providers (id),
    action text NOT NULL,
    from_status text NULL,
    to_status text NULL,
    reason text NOT NULL
);
CREATE INDEX audit_trail_provider ON audit_trail (provider_id, at);
CREATE RULE audit_trail_no_update AS ON UPDATE TO audit_trail DO INSTEAD NOTHING;
CREATE RULE audit_trail_no_delete AS ON DELETE TO audit_trail DO INSTEAD NOTHING;

-- Notices a provider sees when it signs in (evidence about to expire, suspension).
CREATE TABLE notices (
    id uuid PRIMARY KEY,
    provider_id uuid NOT NULL REFERENCES providers (id),
    kind text NOT NULL,
    dedupe_key text NOT NULL UNIQUE,
    message text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at timestamptz NULL
);
CREATE INDEX notices_provider ON notices (provider_id, created_at DESC);
