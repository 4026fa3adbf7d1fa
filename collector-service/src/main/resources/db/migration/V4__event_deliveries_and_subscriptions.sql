-- Provider deliveries seen lately, shared by every instance (SharedDeliveryMemory): a provider's retry or redelivery
-- may reach any instance behind the load balancer, and must read nothing again. `memory` names which memory (hooks,
-- the AWS queue, Entra's audit log), each with its own horizon; rows older than it are trimmed.
CREATE TABLE event_delivery (
    memory      text        NOT NULL,
    provider    text        NOT NULL,
    delivery_id text        NOT NULL,
    seen_at     timestamptz NOT NULL,
    PRIMARY KEY (memory, provider, delivery_id)
);
CREATE INDEX event_delivery_seen_at ON event_delivery (memory, seen_at);

-- Which instance keeps the providers' push subscriptions (Graph, Google channels) alive: one at a time, so that the
-- group holds one subscription per provider, not one per instance. A holder that stops renewing is replaced once
-- its time is over.
CREATE TABLE subscription_holder (
    id         int         PRIMARY KEY CHECK (id = 1),
    holder     text        NOT NULL,
    expires_at timestamptz NOT NULL
);

-- Push channels Vigil opened and has not stopped (Google's notification channels), shared: the provider notifies
-- through the load balancer, so any instance must recognise a channel the holder opened.
CREATE TABLE push_channel (
    provider   text        NOT NULL,
    channel_id text        NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (provider, channel_id)
);
