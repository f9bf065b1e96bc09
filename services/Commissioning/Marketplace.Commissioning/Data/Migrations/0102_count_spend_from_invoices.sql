-- Spend is what the provider invoiced (InvoiceIssued.TotalPence), in the month the invoice was issued, not the
-- delivered amount (ADR 0010). A delivery still counts as a delivery, with no spend.
ALTER TABLE orders ADD COLUMN invoiced_at timestamptz NULL, ADD COLUMN invoiced_pence bigint NULL;

CREATE OR REPLACE VIEW order_events AS
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
    SELECT order_id, 'delivered', delivered_at, 0, 0, 0, 0, 0, 0, 0, 1, 0, NULL FROM orders WHERE delivered_at IS NOT NULL
    UNION ALL
    SELECT order_id, 'invoiced', invoiced_at, 0, 0, 0, 0, 0, 0, 0, 0, invoiced_pence, NULL FROM orders WHERE invoiced_at IS NOT NULL;

ALTER TABLE orders DROP COLUMN delivered_pence;

-- No invoice is known yet, so no spend: what a rebuild would now give.
UPDATE demand_by_month SET spend_pence = 0 WHERE spend_pence <> 0;
UPDATE gap_by_month SET spend_pence = 0 WHERE spend_pence <> 0;
