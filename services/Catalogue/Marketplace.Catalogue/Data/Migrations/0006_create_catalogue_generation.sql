-- A counter that moves on every change to what search can see (offers, their locations, provider status).
-- Search caches its answers under the counter's value, so a cached answer is only ever used while nothing
-- it was computed from has changed. Statement-level triggers: one bump per statement, COPY included.
CREATE TABLE catalogue_generation (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    value bigint NOT NULL
);
INSERT INTO catalogue_generation (id, value) VALUES (true, 1);

CREATE FUNCTION catalogue_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalogue_generation SET value = value + 1;
    RETURN NULL;
END $$;

CREATE TRIGGER catalogue_offers_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalogue_offers
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_generation_bump();
CREATE TRIGGER catalogue_locations_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalogue_locations
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_generation_bump();
CREATE TRIGGER catalogue_providers_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalogue_providers
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_generation_bump();
