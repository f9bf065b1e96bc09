-- After delivery the provider invoices the order, and the payer marks the invoice paid.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('awaiting-approval', 'placed', 'accepted', 'declined', 'refused', 'cancelled', 'delivered', 'invoiced', 'paid'));
-- The budget component's delivery mode when the order was placed: it says who pays the invoice.
ALTER TABLE orders ADD COLUMN delivery_mode text NULL;
UPDATE orders o SET delivery_mode = c.delivery_mode
FROM budget_components c WHERE c.budget_id = o.budget_id AND c.component = o.component;
-- A school order counts against its school account's financial year (starting 1 April).
ALTER TABLE orders ADD COLUMN school_year_start date NULL;
ALTER TABLE orders ADD COLUMN delivered_at timestamptz NULL;

-- One invoice per order; its number is unique per provider. Amounts are what the buyer pays (VAT included when charged).
CREATE TABLE invoices (
    id uuid PRIMARY KEY,
    order_id uuid NOT NULL UNIQUE REFERENCES orders (id),
    provider_id uuid NOT NULL,
    invoice_number text NOT NULL,
    vat_status text NOT NULL CHECK (vat_status IN ('standard-rated', 'zero-rated', 'exempt', 'not-registered')),
    vat_registration_number text NULL,
    lines jsonb NOT NULL,
    total_pence bigint NOT NULL CHECK (total_pence >= 0),
    vat_pence bigint NOT NULL CHECK (vat_pence >= 0 AND vat_pence <= total_pence),
    issued_on date NOT NULL,
    due_on date NOT NULL CHECK (due_on >= issued_on),
    issued_by text NOT NULL,
    issued_at timestamptz NOT NULL,
    paid_on date NULL,
    payment_reference text NULL,
    paid_by text NULL,
    paid_at timestamptz NULL,
    UNIQUE (provider_id, invoice_number)
);

-- A school's account: the school (by URN) in its LA, an optional annual cap, and the staff who may order.
CREATE TABLE school_accounts (
    urn text PRIMARY KEY,
    local_authority text NOT NULL,
    name text NOT NULL,
    annual_cap_pence bigint NULL CHECK (annual_cap_pence >= 0),
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE school_staff (
    urn text NOT NULL REFERENCES school_accounts (urn),
    email text NOT NULL,
    added_by text NOT NULL,
    added_at timestamptz NOT NULL,
    PRIMARY KEY (urn, email)
);

-- A school's spending in one financial year. Orders commit with a conditional UPDATE of this row in the placing
-- transaction, and the CHECK holds the cap whatever the concurrency, as budget_components does for budgets.
CREATE TABLE school_account_years (
    urn text NOT NULL REFERENCES school_accounts (urn),
    year_start date NOT NULL,
    cap_pence bigint NULL CHECK (cap_pence >= 0),
    committed_pence bigint NOT NULL DEFAULT 0 CHECK (committed_pence >= 0),
    spent_pence bigint NOT NULL DEFAULT 0 CHECK (spent_pence >= 0),
    PRIMARY KEY (urn, year_start),
    CHECK (cap_pence IS NULL OR committed_pence + spent_pence <= cap_pence)
);
