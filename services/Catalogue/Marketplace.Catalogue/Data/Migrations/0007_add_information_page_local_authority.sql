-- An information page belongs to the local authority whose officer wrote it; NULL means it serves the whole region
-- (the demo's shared pages, or pages written before this column). The Local Offer audit of an LA reads its own pages
-- and the region's.
ALTER TABLE information_pages ADD COLUMN local_authority text NULL;
CREATE INDEX information_pages_local_authority ON information_pages (local_authority);
