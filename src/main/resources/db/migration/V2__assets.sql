-- Uploaded images live in the database, so that every Parley node can serve them and a backup holds them.
create table asset (
    id            uuid primary key,
    tenant_id     uuid not null references tenant (id),
    content_type  text not null,
    width         integer not null,
    height        integer not null,
    bytes         integer not null,
    sha256        text not null,
    data          bytea not null,
    created_at    timestamptz not null default now(),
    created_by    uuid
);
create index asset_tenant_idx on asset (tenant_id);
