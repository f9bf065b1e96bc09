-- Transactional outbox: written in the same transaction as the state change it announces.
CREATE TABLE outbox_messages (
    id uuid PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    message_type text NOT NULL,
    body jsonb NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz NULL,
    attempts integer NOT NULL DEFAULT 0,
    last_error text NULL
);
CREATE INDEX outbox_messages_unsent ON outbox_messages (seq) WHERE sent_at IS NULL;

-- Consumer inbox: one row per (message, consumer) already handled, written with the handler's effect.
CREATE TABLE inbox_messages (
    message_id uuid NOT NULL,
    consumer text NOT NULL,
    message_type text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);
CREATE INDEX inbox_messages_processed_at ON inbox_messages (processed_at);
