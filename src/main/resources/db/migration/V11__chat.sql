-- Chats: every chat keeps a log of numbered events (per-chat seq), written and committed before any client is told,
-- so that a client resumes after a reconnect from the last seq it saw and nothing is lost or doubled. Messages,
-- pre-chat answers and the transcript stay; typing events go when the chat ends.

-- A chat: who may read it (only the SHA-256 of the customer's token is kept), where it came from, its state and the
-- last queue position and estimate the customer was told. There is no foreign key to the point of contact or the
-- agent: a transcript outlives both.
create table chat (
    id                      uuid primary key,
    tenant_id               uuid not null references tenant (id),
    point_of_contact_id     uuid not null,
    skill                   text not null,
    token_hash              bytea not null,
    pre_chat                json not null,
    state                   text not null check (state in ('QUEUED', 'ACTIVE', 'ENDED')),
    agent_id                uuid,
    agent_name              text,
    queue_position          integer,
    estimated_wait_seconds  integer,
    last_seq                bigint not null,
    created_at              timestamptz not null,
    assigned_at             timestamptz,
    ended_at                timestamptz,
    ended_by                text check (ended_by in ('CUSTOMER', 'AGENT', 'SYSTEM')),
    customer_seen_at        timestamptz not null
);
-- "My open chats" for an agent, and the search for customers who left without ending their chat.
create index chat_agent_open_idx on chat (agent_id) where state <> 'ENDED';
create index chat_customer_seen_idx on chat (customer_seen_at) where state <> 'ENDED';

-- The per-chat event log. data holds the type's own fields as JSON (json, not jsonb: texts and key order are kept as
-- written). A retried message carries the same client message id, which the unique index lets in only once.
create table chat_event (
    chat_id            uuid not null references chat (id),
    seq                bigint not null,
    type               text not null,
    at                 timestamptz not null,
    sender             text,
    client_message_id  text,
    data               json not null,
    primary key (chat_id, seq)
);
create unique index chat_event_client_message_uq on chat_event (chat_id, sender, client_message_id)
    where client_message_id is not null;

-- An agent's feed: the events of the chats they handle, with ASSIGNED when a chat is given to them, numbered per
-- agent. The head row is locked to draw the next number, so numbers commit in order and a cursor never skips one.
create table agent_feed_head (
    agent_id  uuid primary key,
    last_seq  bigint not null
);
create table agent_feed (
    agent_id  uuid not null,
    seq       bigint not null,
    chat_id   uuid not null,
    at        timestamptz not null,
    event     json not null,
    primary key (agent_id, seq)
);

-- Chat starts per client address and point of contact, as a token bucket in the database so that every node counts
-- the same starts: tokens refill at the configured rate per minute up to that many.
create table chat_start_allowance (
    client_address       text not null,
    point_of_contact_id  uuid not null,
    tokens               double precision not null,
    allowed              boolean not null,
    updated_at           timestamptz not null,
    primary key (client_address, point_of_contact_id)
);
create index chat_start_allowance_updated_idx on chat_start_allowance (updated_at);
