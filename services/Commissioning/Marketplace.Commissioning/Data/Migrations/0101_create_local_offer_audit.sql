-- The Local Offer audit: the system's proposed score for each rubric item of an LA with the evidence behind it,
-- and the adviser's confirmation or override with a note (ADR 0015).
CREATE TABLE audit_scores (
    local_authority text NOT NULL,
    item_code text NOT NULL,
    proposed text NOT NULL CHECK (proposed IN ('yes', 'partial', 'no')),
    reason text NOT NULL,
    evidence jsonb NOT NULL,
    proposed_at timestamptz NOT NULL,
    confirmed text NULL CHECK (confirmed IN ('yes', 'partial', 'no')),
    note text NULL,
    decided_by text NULL,
    decided_at timestamptz NULL,
    PRIMARY KEY (local_authority, item_code)
);

-- Every confirmation and override: who, when, why. Also the history the regional report reads trends from.
CREATE TABLE audit_decisions (
    id uuid PRIMARY KEY,
    local_authority text NOT NULL,
    item_code text NOT NULL,
    proposed text NOT NULL,
    score text NOT NULL CHECK (score IN ('yes', 'partial', 'no')),
    note text NOT NULL,
    actor_id text NOT NULL,
    actor_name text NOT NULL,
    decided_at timestamptz NOT NULL
);
CREATE INDEX audit_decisions_by_authority ON audit_decisions (local_authority, decided_at);
