-- Where an offer came from: 'marketplace' (published through onboarding) or 'oruk:<name>' (imported from another
-- directory's Open Referral UK feed, for provision outside the area). An import never overwrites another source's offer.
ALTER TABLE catalogue_offers ADD COLUMN source text NOT NULL DEFAULT 'marketplace';
