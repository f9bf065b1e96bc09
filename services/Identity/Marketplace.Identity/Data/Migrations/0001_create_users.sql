CREATE TABLE users (
    id uuid PRIMARY KEY,
    email text NOT NULL,
    normalized_email text NOT NULL UNIQUE,
    display_name text NOT NULL,
    password_hash text NULL,
    security_stamp text NOT NULL,
    concurrency_stamp text NOT NULL,
    lockout_enabled boolean NOT NULL DEFAULT true,
    lockout_end timestamptz NULL,
    access_failed_count integer NOT NULL DEFAULT 0,
    role text NOT NULL CHECK (role IN ('family', 'young-person', 'school', 'provider', 'la-officer', 'commissioner')),
    organisation_type text NULL CHECK (organisation_type IN ('household', 'school', 'provider', 'la')),
    organisation_id text NULL,
    local_authority text NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Refresh tokens are stored as SHA-256 hashes only; each use rotates the token.
CREATE TABLE refresh_tokens (
    token_hash bytea PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id text NOT NULL,
    issued_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    consumed_at timestamptz NULL
);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

-- RSA signing keys (PKCS#8 PEM); the newest active key signs, every unretired key is in the JWKS.
CREATE TABLE signing_keys (
    key_id text PRIMARY KEY,
    private_key_pem text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    retired_at timestamptz NULL
);
