-- Comments on the Local Offer (the review loop the SEND regulations ask for). Contact details and individual cases
-- stay here: the published "you said, we did" summary is built from officer-written text only (ADR 0014).
CREATE TABLE feedback (
    id uuid PRIMARY KEY,
    local_authority text NOT NULL,
    about text NOT NULL CHECK (about IN ('content', 'accessibility', 'development')),
    respondent text NOT NULL CHECK (respondent IN ('young-person', 'parent-carer', 'practitioner', 'other')),
    comment text NOT NULL,
    page_path text NULL,
    individual_case boolean NOT NULL,
    contact_name text NULL,
    contact_email text NULL,
    contact_phone text NULL,
    received_at timestamptz NOT NULL,
    status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'responded', 'routed-out')),
    theme text NULL,
    you_said text NULL,
    response text NULL,
    action_planned text NULL,
    routed_to text NULL CHECK (routed_to IN ('casework', 'advice-and-support')),
    triaged_by text NULL,
    triaged_at timestamptz NULL,
    -- An individual case is never responded to in public: it can only be routed out.
    CHECK (NOT (individual_case AND status = 'responded'))
);
CREATE INDEX feedback_by_authority ON feedback (local_authority, received_at DESC);

-- The annual "you said, we did" summary of one LA: drafted (by the yearly job or an officer), then published.
CREATE TABLE feedback_summaries (
    local_authority text NOT NULL,
    year integer NOT NULL,
    status text NOT NULL CHECK (status IN ('draft', 'published')),
    content jsonb NOT NULL,
    drafted_at timestamptz NOT NULL,
    drafted_by text NOT NULL,
    published_at timestamptz NULL,
    published_by text NULL,
    PRIMARY KEY (local_authority, year)
);
