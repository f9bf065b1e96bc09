-- An edit to a published offer waiting for an LA officer, when a local authority the offer serves has
-- turned on moderation for a field set the edit touches.
ALTER TABLE offers
    ADD COLUMN pending_details jsonb NULL,
    ADD COLUMN pending_field_sets text[] NULL,
    ADD COLUMN pending_since timestamptz NULL;
CREATE INDEX offers_pending ON offers (pending_since) WHERE pending_details IS NOT NULL;

CREATE TABLE moderation_settings (
    local_authority text PRIMARY KEY,
    field_sets text[] NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL
);
