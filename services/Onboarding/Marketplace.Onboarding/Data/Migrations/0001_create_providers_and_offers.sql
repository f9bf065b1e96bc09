CREATE TABLE providers (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    sector text NOT NULL CHECK (sector IN ('public', 'private', 'voluntary', 'community', 'school')),
    status text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'changes-requested', 'rejected', 'suspended')),
    home_local_authority text NOT NULL,
    areas_served text[] NOT NULL,
    contact_email text NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- An offer's editable details live in one jsonb document (validated by the API); version counts publications.
CREATE TABLE offers (
    id uuid PRIMARY KEY,
    provider_id uuid NOT NULL REFERENCES providers (id),
    status text NOT NULL CHECK (status IN ('draft', 'published', 'withdrawn')),
    version integer NOT NULL DEFAULT 0 CHECK (version >= 0),
    name text NOT NULL,
    details jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz NULL
);
CREATE INDEX offers_provider ON offers (provider_id);
