-- Purchasing's read model of what it sells, fed by onboarding's events (never by its database).
CREATE TABLE purchasing_offers (
    id uuid PRIMARY KEY,
    provider_id uuid NOT NULL,
    version integer NOT NULL,
    status text NOT NULL CHECK (status IN ('published', 'withdrawn')),
    name text NOT NULL DEFAULT '',
    provider_name text NOT NULL DEFAULT '',
    service_type text NOT NULL DEFAULT '',
    budget_eligible boolean NOT NULL DEFAULT false,
    schools_can_buy boolean NOT NULL DEFAULT false,
    areas_served text[] NOT NULL DEFAULT '{}',
    cost_options jsonb NOT NULL DEFAULT '[]',
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX purchasing_offers_provider ON purchasing_offers (provider_id);

-- A provider's trading status, ordered by the status version onboarding gives every change.
CREATE TABLE purchasing_providers (
    provider_id uuid PRIMARY KEY,
    suspended boolean NOT NULL,
    status_version integer NOT NULL,
    reason text NOT NULL DEFAULT '',
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Personal budgets: one per EHC plan and period, held by a parent or a young person (16-25).
CREATE TABLE budgets (
    id uuid PRIMARY KEY,
    local_authority text NOT NULL,
    holder_user_id text NULL,
    holder_email text NULL,
    holder_type text NOT NULL CHECK (holder_type IN ('parent', 'young-person')),
    ehc_plan_reference text NOT NULL,
    period_start date NOT NULL,
    period_end date NOT NULL CHECK (period_end >= period_start),
    allocated_by text NOT NULL,
    created_at timestamptz NOT NULL,
    CHECK (holder_user_id IS NOT NULL OR holder_email IS NOT NULL)
);
CREATE INDEX budgets_holder_user ON budgets (holder_user_id);
CREATE INDEX budgets_holder_email ON budgets (lower(holder_email));
CREATE UNIQUE INDEX budgets_plan_period ON budgets (local_authority, ehc_plan_reference, period_start);

-- The balance of each component. available + committed + spent = allocated (+ adjustments), and available can
-- never go below zero: the CHECK holds whatever the concurrency; orders take money with a conditional UPDATE.
CREATE TABLE budget_components (
    budget_id uuid NOT NULL REFERENCES budgets (id),
    component text NOT NULL CHECK (component IN ('education', 'health', 'social-care')),
    delivery_mode text NOT NULL CHECK (delivery_mode IN ('direct-payment', 'organised', 'third-party')),
    approval_threshold_pence bigint NULL CHECK (approval_threshold_pence > 0),
    allocated_pence bigint NOT NULL CHECK (allocated_pence >= 0),
    available_pence bigint NOT NULL CHECK (available_pence >= 0),
    committed_pence bigint NOT NULL DEFAULT 0 CHECK (committed_pence >= 0),
    spent_pence bigint NOT NULL DEFAULT 0 CHECK (spent_pence >= 0),
    PRIMARY KEY (budget_id, component),
    CHECK (available_pence + committed_pence + spent_pence = allocated_pence)
);

-- Orders: from a budget holder (funded by a budget component) or a school (its own account).
CREATE TABLE orders (
    id uuid PRIMARY KEY,
    buyer_user_id text NOT NULL,
    buyer_role text NOT NULL,
    buyer_organisation text NULL,
    offer_id uuid NOT NULL,
    offer_version integer NOT NULL,
    provider_id uuid NOT NULL,
    offer_name text NOT NULL,
    cost_option_index integer NOT NULL,
    cost_option_label text NOT NULL,
    unit_price_pence bigint NOT NULL CHECK (unit_price_pence >= 0),
    quantity integer NOT NULL CHECK (quantity > 0),
    amount_pence bigint NOT NULL CHECK (amount_pence >= 0),
    funding text NOT NULL CHECK (funding IN ('budget', 'school-account')),
    budget_id uuid NULL REFERENCES budgets (id),
    component text NULL,
    purchase_order_number text NULL,
    local_authority text NULL,
    for_reference text NOT NULL,
    status text NOT NULL CHECK (status IN ('awaiting-approval', 'placed', 'accepted', 'declined', 'refused', 'cancelled', 'delivered')),
    reason text NULL,
    provider_suspended boolean NOT NULL DEFAULT false,
    approved_at timestamptz NULL,
    placed_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CHECK ((funding = 'budget') = (budget_id IS NOT NULL AND component IS NOT NULL))
);
CREATE INDEX orders_buyer ON orders (buyer_user_id);
CREATE INDEX orders_provider ON orders (provider_id);
CREATE INDEX orders_budget ON orders (budget_id);

-- Idempotency-Key: one row per (user, key), taken first in the placing transaction; a second request with the
-- same key waits on the unique index, then finds the first answer here.
CREATE TABLE idempotency_keys (
    user_id text NOT NULL,
    key text NOT NULL,
    request_hash text NOT NULL,
    status_code integer NULL,
    response text NULL,
    location text NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

-- The budget ledger: append-only. Amounts are positive except adjustments (a top-up or a reduction).
CREATE TABLE budget_ledger (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    budget_id uuid NOT NULL REFERENCES budgets (id),
    component text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('allocation', 'commitment', 'release', 'spend', 'adjustment')),
    amount_pence bigint NOT NULL CHECK (kind = 'adjustment' OR amount_pence >= 0),
    order_id uuid NULL REFERENCES orders (id),
    reason text NOT NULL,
    actor text NOT NULL,
    at timestamptz NOT NULL,
    FOREIGN KEY (budget_id, component) REFERENCES budget_components (budget_id, component)
);
CREATE INDEX budget_ledger_budget ON budget_ledger (budget_id, seq);

CREATE FUNCTION budget_ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'budget_ledger is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER budget_ledger_no_update_or_delete BEFORE UPDATE OR DELETE ON budget_ledger
    FOR EACH ROW EXECUTE FUNCTION budget_ledger_is_append_only();
CREATE TRIGGER budget_ledger_no_truncate BEFORE TRUNCATE ON budget_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION budget_ledger_is_append_only();

-- Every LA decision on a purchase (approve, refuse): who, when, why.
CREATE TABLE audit_trail (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL,
    actor_id text NOT NULL,
    actor_role text NOT NULL,
    order_id uuid NULL REFERENCES orders (id),
    budget_id uuid NULL REFERENCES budgets (id),
    action text NOT NULL,
    reason text NOT NULL
);
