-- Provider status as onboarding last told it (ProviderSuspended / ProviderReinstated), newest StatusVersion wins.
-- Search and the Open Referral API hide every offer of a suspended provider; reinstatement shows them again.
CREATE TABLE catalogue_providers (
    provider_id uuid PRIMARY KEY,
    suspended boolean NOT NULL,
    status_version integer NOT NULL,
    reason text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalogue_providers_suspended ON catalogue_providers (provider_id) WHERE suspended;

-- Spelling correction (0002) also learns the words of descriptions.
INSERT INTO catalogue_words (word)
SELECT DISTINCT w FROM catalogue_offers, regexp_split_to_table(lower(description), '[^[:alpha:]]+') w
WHERE length(w) BETWEEN 3 AND 40
ON CONFLICT DO NOTHING;

-- The offer's name on its own, so that a match in the name ranks above a match elsewhere.
ALTER TABLE catalogue_offers ADD COLUMN name_search tsvector GENERATED ALWAYS AS (to_tsvector('english', name)) STORED;
CREATE INDEX catalogue_offers_delivery ON catalogue_offers USING gin (delivery_modes) WHERE status = 'published';

-- One row per place an offer is delivered (the Open Referral service_at_location), replaced with each version.
CREATE TABLE catalogue_locations (
    id uuid PRIMARY KEY,
    offer_id uuid NOT NULL REFERENCES catalogue_offers (id) ON DELETE CASCADE,
    location_id uuid NOT NULL,
    ordinal integer NOT NULL,
    address_line text NOT NULL DEFAULT '',
    town text NOT NULL DEFAULT '',
    postcode text NOT NULL DEFAULT '',
    latitude double precision NULL,
    longitude double precision NULL
);
CREATE INDEX catalogue_locations_offer ON catalogue_locations (offer_id, ordinal);

-- Locations of offers that were published before this table existed.
INSERT INTO catalogue_locations (id, offer_id, location_id, ordinal, address_line, town, postcode, latitude, longitude)
SELECT md5(o.id::text || '/service-at-location/' || (l.i - 1))::uuid, o.id, md5(o.id::text || '/location/' || (l.i - 1))::uuid, (l.i - 1)::int,
       coalesce(l.loc ->> 'addressLine', ''), coalesce(l.loc ->> 'town', ''), coalesce(l.loc ->> 'postcode', ''),
       (l.loc ->> 'latitude')::double precision, (l.loc ->> 'longitude')::double precision
FROM catalogue_offers o, jsonb_array_elements(coalesce(o.snapshot -> 'locations', '[]'::jsonb)) WITH ORDINALITY AS l(loc, i)
WHERE o.snapshot IS NOT NULL;

-- Postcode centroids (from the ONS Postcode Directory), to turn a postcode into a point and its local authority.
-- The key is the postcode in capitals without spaces.
CREATE TABLE postcodes (
    postcode text PRIMARY KEY,
    latitude double precision NOT NULL,
    longitude double precision NOT NULL,
    local_authority text NOT NULL DEFAULT ''
);
