-- Routing: chats wait in the skill queue of their point of contact and are handed to agents inside the database
-- (SELECT ... FOR UPDATE SKIP LOCKED), so that several Parley nodes can never give one chat to two agents, nor an
-- agent more chats than their capacity.

-- An agent's presence: AVAILABLE takes new chats, AWAY keeps the current ones only. Skills, capacity and name are
-- copied from the user when they become available (and refreshed by the routing sweep), so that picking an agent is
-- one indexed query that locks the row it picks. active_chats changes only while that row is locked.
create table routing_agent (
    agent_id      uuid primary key,
    tenant_id     uuid not null references tenant (id),
    status        text not null check (status in ('AVAILABLE', 'AWAY')),
    display_name  text not null,
    skills        text[] not null,
    max_chats     integer not null,
    active_chats  integer not null default 0 check (active_chats >= 0),
    idle_since    timestamptz not null,
    updated_at    timestamptz not null
);
-- Longest idle first among the available agents of a tenant.
create index routing_agent_available_idx on routing_agent (tenant_id, idle_since, agent_id) where status = 'AVAILABLE';

-- A chat that waits (agent_id null) or is being handled; the row goes when the chat ends. arrival orders a queue: an
-- identity drawn under a per-queue advisory lock, so that arrival order and the positions told to customers agree.
create table routing_entry (
    chat_id           uuid primary key,
    tenant_id         uuid not null references tenant (id),
    skill             text not null,
    arrival           bigint generated always as identity,
    queued_at         timestamptz not null,
    initial_position  integer not null,
    agent_id          uuid,
    assigned_at       timestamptz
);
create index routing_entry_waiting_idx on routing_entry (tenant_id, skill, arrival) where agent_id is null;
create index routing_entry_agent_idx on routing_entry (agent_id) where agent_id is not null;

-- Recent waits per queue, for the estimate shown to waiting customers; the sweep drops rows older than a day.
create table routing_wait (
    tenant_id         uuid not null,
    skill             text not null,
    assigned_at       timestamptz not null,
    wait_millis       bigint not null,
    initial_position  integer not null
);
create index routing_wait_recent_idx on routing_wait (tenant_id, skill, assigned_at desc);
