-- Commissioning's own store: the facts it counts (offers, providers, orders, searches, budgets), the DfE
-- baseline, and the rollups kept incrementally from the facts. See docs/adr/0012-gap-score.md.

-- Age bands as the DfE's SEN2 return counts EHC plans, and the national share of plans in each band
-- (used to spread an LA's plans over the bands until the LA's own age profile is known).
CREATE TABLE age_bands (
    code text PRIMARY KEY,
    min_age integer NOT NULL,
    max_age integer NOT NULL,
    national_share numeric NOT NULL
);
INSERT INTO age_bands (code, min_age, max_age, national_share) VALUES
    ('0-4', 0, 4, 0.045), ('5-10', 5, 10, 0.330), ('11-15', 11, 15, 0.335), ('16-19', 16, 19, 0.225), ('20-25', 20, 25, 0.065);

-- Supply: the latest published version of each offer (a withdrawal before its publication leaves a tombstone).
CREATE TABLE offers (
    offer_id uuid PRIMARY KEY,
    provider_id uuid NOT NULL,
    version integer NOT NULL,
    status text NOT NULL,
    name text NULL,
    provider_name text NULL,
    service_type text NULL,
    needs text[] NOT NULL DEFAULT '{}',
    provision_area text NULL,
    tier text NULL,
    min_age integer NULL,
    max_age integer NULL,
    areas_served text[] NOT NULL DEFAULT '{}',
    places integer NULL,
    typical_wait_weeks integer NULL,
    published_at timestamptz NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offers_areas_served ON offers USING gin (areas_served);

CREATE TABLE providers (
    provider_id uuid PRIMARY KEY,
    suspended boolean NOT NULL,
    status_version integer NOT NULL
);

-- Observed demand: one row per order, with the dimensions of its offer as they were when it was placed.
CREATE TABLE orders (
    order_id uuid PRIMARY KEY,
    offer_id uuid NOT NULL,
    la text NOT NULL,
    needs text[] NOT NULL,
    min_age integer NOT NULL,
    max_age integer NOT NULL,
    provision_area text NOT NULL,
    service_type text NOT NULL,
    amount_pence bigint NOT NULL,
    placed_at timestamptz NOT NULL,
    approved_at timestamptz NULL,
    refused_at timestamptz NULL,
    accepted_at timestamptz NULL,
    declined_at timestamptz NULL,
    declined_for_capacity boolean NULL,
    cancelled_at timestamptz NULL,
    delivered_at timestamptz NULL,
    delivered_pence bigint NULL,
    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX orders_offer ON orders (offer_id);

-- Searches of the public Local Offer (the first page of each), filters and result count only.
CREATE TABLE searches (
    search_id uuid PRIMARY KEY,
    la text NOT NULL,
    need text NOT NULL,
    age integer NULL,
    provision_area text NOT NULL,
    service_type text NOT NULL,
    result_count integer NOT NULL,
    performed_at timestamptz NOT NULL
);

-- Personal budgets allocated and adjusted (no holder, no plan reference kept).
CREATE TABLE budget_movements (
    movement_id text PRIMARY KEY,
    budget_id uuid NOT NULL,
    la text NOT NULL,
    kind text NOT NULL,
    amount_pence bigint NOT NULL,
    at timestamptz NOT NULL
);

-- Baseline need from the DfE statistics.
CREATE TABLE local_authorities (
    la text PRIMARY KEY,
    name text NOT NULL,
    region_code text NOT NULL,
    region_name text NOT NULL
);

CREATE TABLE baseline_ehc_plans (
    la text NOT NULL,
    need text NOT NULL,
    plans integer NOT NULL,
    time_period text NOT NULL,
    PRIMARY KEY (la, need)
);

CREATE TABLE baseline_personal_budgets (
    la text NOT NULL,
    time_period text NOT NULL,
    personal_budgets integer NOT NULL,
    organised_arrangements integer NOT NULL,
    health integer NOT NULL,
    education integer NOT NULL,
    social_care integer NOT NULL,
    integrated integer NOT NULL,
    PRIMARY KEY (la, time_period)
);

CREATE TABLE baseline_imports (
    id uuid PRIMARY KEY,
    file text NOT NULL,
    imported_at timestamptz NOT NULL,
    rows_read integer NOT NULL,
    rows_imported integer NOT NULL,
    rows_rejected integer NOT NULL,
    report jsonb NOT NULL
);

-- Each fact as the changes it makes to the rollups: one row per event, in the event's month. The
-- incremental path applies one event's rows; the rebuild applies them all. One definition, so the two
-- always agree.
CREATE VIEW order_events AS
    SELECT order_id, 'placed' AS kind, placed_at AS at, 1 AS orders_placed, 0 AS orders_approved, 0 AS orders_refused,
           0 AS orders_accepted, 0 AS declined_for_capacity, 0 AS declined_other, 0 AS orders_cancelled, 0 AS orders_delivered,
           0::bigint AS spend_pence, NULL::integer AS wait_weeks
    FROM orders
    UNION ALL
    SELECT order_id, 'approved', approved_at, 0, 1, 0, 0, 0, 0, 0, 0, 0, NULL FROM orders WHERE approved_at IS NOT NULL
    UNION ALL
    SELECT order_id, 'refused', refused_at, 0, 0, 1, 0, 0, 0, 0, 0, 0, NULL FROM orders WHERE refused_at IS NOT NULL
    UNION ALL
    SELECT order_id, 'accepted', accepted_at, 0, 0, 0, 1, 0, 0, 0, 0, 0,
           greatest(0, floor(extract(epoch FROM accepted_at - placed_at) / 604800))::integer
    FROM orders WHERE accepted_at IS NOT NULL
    UNION ALL
    SELECT order_id, 'declined', declined_at, 0, 0, 0, 0, CASE WHEN declined_for_capacity THEN 1 ELSE 0 END,
           CASE WHEN declined_for_capacity THEN 0 ELSE 1 END, 0, 0, 0, NULL
    FROM orders WHERE declined_at IS NOT NULL
    UNION ALL
    SELECT order_id, 'cancelled', cancelled_at, 0, 0, 0, 0, 0, 0, 1, 0, 0, NULL FROM orders WHERE cancelled_at IS NOT NULL
    UNION ALL
    SELECT order_id, 'delivered', delivered_at, 0, 0, 0, 0, 0, 0, 0, 1, delivered_pence, NULL FROM orders WHERE delivered_at IS NOT NULL;

-- An order counts in every need and age band its offer serves: orders carry no child's need or age.
CREATE VIEW order_cells AS
    SELECT e.order_id, e.kind, o.la, n.need, b.code AS age_band, o.provision_area, o.service_type,
           date_trunc('month', e.at AT TIME ZONE 'UTC')::date AS month,
           0 AS searches, 0 AS unmet_searches, e.orders_placed, e.orders_approved, e.orders_refused, e.orders_accepted,
           e.declined_for_capacity, e.declined_other, e.orders_cancelled, e.orders_delivered, e.spend_pence, e.wait_weeks
    FROM order_events e
    JOIN orders o ON o.order_id = e.order_id
    CROSS JOIN LATERAL unnest(o.needs) AS n(need)
    JOIN age_bands b ON b.min_age <= o.max_age AND b.max_age >= o.min_age;

-- A search is unmet when it found 2 results or fewer. No age given: age band '' (counted in every band's gap).
CREATE VIEW search_cells AS
    SELECT s.search_id, s.la, s.need, coalesce(b.code, '') AS age_band, s.provision_area, s.service_type,
           date_trunc('month', s.performed_at AT TIME ZONE 'UTC')::date AS month,
           1 AS searches, CASE WHEN s.result_count <= 2 THEN 1 ELSE 0 END AS unmet_searches,
           0 AS orders_placed, 0 AS orders_approved, 0 AS orders_refused, 0 AS orders_accepted, 0 AS declined_for_capacity,
           0 AS declined_other, 0 AS orders_cancelled, 0 AS orders_delivered, 0::bigint AS spend_pence, NULL::integer AS wait_weeks
    FROM searches s
    LEFT JOIN age_bands b ON s.age BETWEEN b.min_age AND b.max_age;

CREATE VIEW budget_cells AS
    SELECT movement_id, la, date_trunc('month', at AT TIME ZONE 'UTC')::date AS month,
           CASE WHEN kind = 'allocated' THEN 1 ELSE 0 END AS budgets_allocated,
           CASE WHEN kind = 'allocated' THEN amount_pence ELSE 0 END AS allocated_pence,
           CASE WHEN kind = 'adjusted' THEN amount_pence ELSE 0 END AS adjusted_pence
    FROM budget_movements;

-- Rollup by every dimension (for filters by provision area and service type).
CREATE TABLE demand_by_month (
    la text NOT NULL,
    need text NOT NULL,
    age_band text NOT NULL,
    provision_area text NOT NULL,
    service_type text NOT NULL,
    month date NOT NULL,
    searches integer NOT NULL DEFAULT 0,
    unmet_searches integer NOT NULL DEFAULT 0,
    orders_placed integer NOT NULL DEFAULT 0,
    orders_approved integer NOT NULL DEFAULT 0,
    orders_refused integer NOT NULL DEFAULT 0,
    orders_accepted integer NOT NULL DEFAULT 0,
    declined_for_capacity integer NOT NULL DEFAULT 0,
    declined_other integer NOT NULL DEFAULT 0,
    orders_cancelled integer NOT NULL DEFAULT 0,
    orders_delivered integer NOT NULL DEFAULT 0,
    spend_pence bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (la, need, age_band, provision_area, service_type, month)
);

-- The same counts by the gap table's cell (LA x need x age band) and month: what the dashboard reads.
CREATE TABLE gap_by_month (LIKE demand_by_month INCLUDING DEFAULTS);
ALTER TABLE gap_by_month DROP COLUMN provision_area, DROP COLUMN service_type, ADD PRIMARY KEY (la, need, age_band, month);

-- Waits from order to acceptance, in whole weeks, counted per cell and month (medians come from these).
CREATE TABLE waits_by_month (
    la text NOT NULL,
    need text NOT NULL,
    age_band text NOT NULL,
    provision_area text NOT NULL,
    service_type text NOT NULL,
    month date NOT NULL,
    wait_weeks integer NOT NULL,
    orders integer NOT NULL,
    PRIMARY KEY (la, need, age_band, provision_area, service_type, month, wait_weeks)
);

-- The same waits by the gap table's cell only (what the dashboard reads when no provision area or service type is asked for).
CREATE TABLE gap_waits_by_month (
    la text NOT NULL,
    need text NOT NULL,
    age_band text NOT NULL,
    month date NOT NULL,
    wait_weeks integer NOT NULL,
    orders integer NOT NULL,
    PRIMARY KEY (la, need, age_band, month, wait_weeks)
);

CREATE TABLE budgets_by_month (
    la text NOT NULL,
    month date NOT NULL,
    budgets_allocated integer NOT NULL DEFAULT 0,
    allocated_pence bigint NOT NULL DEFAULT 0,
    adjusted_pence bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (la, month)
);
