-- Spend is shown only when the number of invoices behind it is 5 or more (it was keyed on deliveries, which can
-- differ: an order can be delivered and not yet invoiced). So the rollups count invoices too. Views can only gain
-- columns at the end.
CREATE OR REPLACE VIEW order_events AS
    SELECT order_id, 'placed' AS kind, placed_at AS at, 1 AS orders_placed, 0 AS orders_approved, 0 AS orders_refused,
           0 AS orders_accepted, 0 AS declined_for_capacity, 0 AS declined_other, 0 AS orders_cancelled, 0 AS orders_delivered,
           0::bigint AS spend_pence, NULL::integer AS wait_weeks, 0 AS orders_invoiced
    FROM orders
    UNION ALL
    SELECT order_id, 'approved', approved_at, 0, 1, 0, 0, 0, 0, 0, 0, 0, NULL, 0 FROM orders WHERE approved_at IS NOT NULL
    UNION ALL
    SELECT order_id, 'refused', refused_at, 0, 0, 1, 0, 0, 0, 0, 0, 0, NULL, 0 FROM orders WHERE refused_at IS NOT NULL
    UNION ALL
    SELECT order_id, 'accepted', accepted_at, 0, 0, 0, 1, 0, 0, 0, 0, 0,
           greatest(0, floor(extract(epoch FROM accepted_at - placed_at) / 604800))::integer, 0
    FROM orders WHERE accepted_at IS NOT NULL
    UNION ALL
    SELECT order_id, 'declined', declined_at, 0, 0, 0, 0, CASE WHEN declined_for_capacity THEN 1 ELSE 0 END,
           CASE WHEN declined_for_capacity THEN 0 ELSE 1 END, 0, 0, 0, NULL, 0
    FROM orders WHERE declined_at IS NOT NULL
    UNION ALL
    SELECT order_id, 'cancelled', cancelled_at, 0, 0, 0, 0, 0, 0, 1, 0, 0, NULL, 0 FROM orders WHERE cancelled_at IS NOT NULL
    UNION ALL
    SELECT order_id, 'delivered', delivered_at, 0, 0, 0, 0, 0, 0, 0, 1, 0, NULL, 0 FROM orders WHERE delivered_at IS NOT NULL
    UNION ALL
    SELECT order_id, 'invoiced', invoiced_at, 0, 0, 0, 0, 0, 0, 0, 0, invoiced_pence, NULL, 1 FROM orders WHERE invoiced_at IS NOT NULL;

CREATE OR REPLACE VIEW order_cells AS
    SELECT e.order_id, e.kind, o.la, n.need, b.code AS age_band, o.provision_area, o.service_type,
           date_trunc('month', e.at AT TIME ZONE 'UTC')::date AS month,
           0 AS searches, 0 AS unmet_searches, e.orders_placed, e.orders_approved, e.orders_refused, e.orders_accepted,
           e.declined_for_capacity, e.declined_other, e.orders_cancelled, e.orders_delivered, e.spend_pence, e.wait_weeks,
           e.orders_invoiced
    FROM order_events e
    JOIN orders o ON o.order_id = e.order_id
    CROSS JOIN LATERAL unnest(o.needs) AS n(need)
    JOIN age_bands b ON b.min_age <= o.max_age AND b.max_age >= o.min_age;

CREATE OR REPLACE VIEW search_cells AS
    SELECT s.search_id, s.la, s.need, coalesce(b.code, '') AS age_band, s.provision_area, s.service_type,
           date_trunc('month', s.performed_at AT TIME ZONE 'UTC')::date AS month,
           1 AS searches, CASE WHEN s.result_count <= 2 THEN 1 ELSE 0 END AS unmet_searches,
           0 AS orders_placed, 0 AS orders_approved, 0 AS orders_refused, 0 AS orders_accepted, 0 AS declined_for_capacity,
           0 AS declined_other, 0 AS orders_cancelled, 0 AS orders_delivered, 0::bigint AS spend_pence, NULL::integer AS wait_weeks,
           0 AS orders_invoiced
    FROM searches s
    LEFT JOIN age_bands b ON s.age BETWEEN b.min_age AND b.max_age;

ALTER TABLE demand_by_month ADD COLUMN orders_invoiced integer NOT NULL DEFAULT 0;
ALTER TABLE gap_by_month ADD COLUMN orders_invoiced integer NOT NULL DEFAULT 0;

-- What a rebuild would give for the invoices already counted.
UPDATE demand_by_month r SET orders_invoiced = c.n
FROM (SELECT la, need, age_band, provision_area, service_type, month, count(*) AS n FROM order_cells WHERE kind = 'invoiced'
      GROUP BY 1, 2, 3, 4, 5, 6) c
WHERE (r.la, r.need, r.age_band, r.provision_area, r.service_type, r.month) = (c.la, c.need, c.age_band, c.provision_area, c.service_type, c.month);
UPDATE gap_by_month r SET orders_invoiced = c.n
FROM (SELECT la, need, age_band, month, count(*) AS n FROM order_cells WHERE kind = 'invoiced' GROUP BY 1, 2, 3, 4) c
WHERE (r.la, r.need, r.age_band, r.month) = (c.la, c.need, c.age_band, c.month);
