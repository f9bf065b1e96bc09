CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The public Local Offer's read model: one row per offer, the latest version seen. A withdrawn offer keeps
-- its row (status 'withdrawn') so that a late, older OfferPublished can never bring it back.
CREATE TABLE catalogue_offers (
    id uuid PRIMARY KEY,
    provider_id uuid NOT NULL,
    version integer NOT NULL,
    status text NOT NULL CHECK (status IN ('published', 'withdrawn')),
    name text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    provider_name text NOT NULL DEFAULT '',
    service_type text NOT NULL DEFAULT '',
    needs text[] NOT NULL DEFAULT '{}',
    provision_area text NOT NULL DEFAULT '',
    tier text NOT NULL DEFAULT '',
    min_age integer NOT NULL DEFAULT 0,
    max_age integer NOT NULL DEFAULT 25,
    areas_served text[] NOT NULL DEFAULT '{}',
    delivery_modes text[] NOT NULL DEFAULT '{}',
    budget_eligible boolean NOT NULL DEFAULT false,
    free boolean NOT NULL DEFAULT false,
    from_price_pence bigint NULL,
    snapshot jsonb NULL,
    published_at timestamptz NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    search_text text GENERATED ALWAYS AS (name || ' ' || replace(service_type, '-', ' ') || ' ' || provider_name) STORED,
    search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A') ||
        setweight(to_tsvector('english', replace(service_type, '-', ' ')), 'A') ||
        setweight(to_tsvector('english', description), 'B') ||
        setweight(to_tsvector('english', provider_name), 'C')) STORED
);
CREATE INDEX catalogue_offers_search ON catalogue_offers USING gin (search) WHERE status = 'published';
CREATE INDEX catalogue_offers_needs ON catalogue_offers USING gin (needs) WHERE status = 'published';
CREATE INDEX catalogue_offers_areas ON catalogue_offers USING gin (areas_served) WHERE status = 'published';
CREATE INDEX catalogue_offers_trgm ON catalogue_offers USING gin (search_text gin_trgm_ops) WHERE status = 'published';
CREATE INDEX catalogue_offers_name ON catalogue_offers (lower(name)) WHERE status = 'published';
