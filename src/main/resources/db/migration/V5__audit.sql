-- The audit history: every change to a chat profile or point of contact, append-only and tamper-evident, kept fast
-- to search at tens of millions of rows. Rows are range-partitioned by month (UTC) on occurred_at so that a search
-- over a date range only touches its months and retention drops whole months; the partitions themselves are made
-- by the application (AuditPartitions), ahead of time and on demand. Indexes follow the search API's query mix and
-- are all led by tenant_id, because no query crosses tenants.
create extension if not exists pg_trgm;

create table audit_event (
    tenant_id    uuid        not null,
    occurred_at  timestamptz not null,
    id           uuid        not null,
    -- Position in the tenant's hash chain; consecutive, and in the same order as occurred_at within a tenant.
    seq          bigint      not null,
    entity_type  text        not null check (entity_type in ('CHAT_PROFILE', 'POINT_OF_CONTACT')),
    entity_id    uuid        not null,
    entity_name  text        not null,
    action       text        not null check (action in ('CREATED', 'UPDATED', 'DELETED', 'ASSIGNED', 'UNASSIGNED')),
    actor_id     uuid,
    -- The actor's user name and display name are copied, so that the row keeps naming who did it.
    actor        text        not null,
    actor_name   text        not null,
    -- The changes as three parallel arrays: fields[i] went from old_values[i] to new_values[i]. fields alone is
    -- what the field filter looks in.
    fields       text[]      not null,
    old_values   text[]      not null,
    new_values   text[]      not null,
    -- Lower-cased entity name, actor names, field names and values, for free-text search through trigrams.
    search_text  text        not null,
    prev_hash    bytea       not null,
    hash         bytea       not null,
    -- Also the tenant-wide index: (tenant, newest first) is this index read backwards, and the keyset cursor
    -- (occurred_at, id) continues inside it. The chain verification walks it forwards.
    primary key (tenant_id, occurred_at, id)
) partition by range (occurred_at);

-- One entity's history (the audit tab of a profile or point of contact); entity, field and action filters are
-- checked on the few rows this reaches.
create index audit_event_entity_idx on audit_event (tenant_id, entity_id, occurred_at, id);
-- "Created by/at" of an entity's summary: one row per entity, found without reading its whole history.
create index audit_event_created_idx on audit_event (tenant_id, entity_id, occurred_at) where action = 'CREATED';
-- Tenant-wide by user.
create index audit_event_actor_idx on audit_event (tenant_id, lower(actor), occurred_at, id);
-- Tenant-wide by field name, for fields changed too rarely to find by walking the time index.
create index audit_event_fields_idx on audit_event using gin (fields);
-- Free text: trigrams answer "contains" on any part of the text.
create index audit_event_search_idx on audit_event using gin (search_text gin_trgm_ops);

-- The end of each tenant's chain, locked while a row is appended: it serializes appends per tenant and lets
-- verification notice rows missing from the end.
create table audit_chain_head (
    tenant_id        uuid primary key,
    seq              bigint      not null,
    hash             bytea       not null,
    last_occurred_at timestamptz
);

-- Where each tenant's chain starts after retention dropped older months: the last dropped row's seq and hash.
create table audit_chain_anchor (
    tenant_id uuid primary key,
    seq       bigint not null,
    hash      bytea  not null
);
