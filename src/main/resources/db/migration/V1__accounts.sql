-- Tenants, their users and API tokens: every other table hangs off a tenant, and audit rows name real users.
create table tenant (
    id          uuid primary key,
    name        text not null unique,
    created_at  timestamptz not null default now()
);

create table app_user (
    id                   uuid primary key,
    tenant_id            uuid not null references tenant (id),
    username             text not null,
    display_name         text not null,
    password_hash        text not null,
    roles                text[] not null,
    skills               text[] not null default '{}',
    max_concurrent_chats integer not null default 2,
    enabled              boolean not null default true,
    version              integer not null default 1,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);
-- Log in takes a user name alone, so names are unique across tenants, ignoring case.
create unique index app_user_username_uq on app_user (lower(username));
create index app_user_tenant_idx on app_user (tenant_id);

-- Only a SHA-256 of each token is kept: a token is shown once, when it is created.
create table api_token (
    id          uuid primary key,
    tenant_id   uuid not null references tenant (id),
    user_id     uuid not null references app_user (id) on delete cascade,
    name        text not null,
    token_hash  bytea not null unique,
    created_at  timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at  timestamptz
);
create index api_token_user_idx on api_token (user_id);
