-- Points of contact: the entry points customers start chats from, each with at most one chat profile. The foreign
-- key on (tenant_id, chat_profile_id) is the safety net behind the application's checks: a profile that still
-- serves a point of contact cannot be deleted, and no point of contact can use another tenant's profile.
create table point_of_contact (
    id               uuid primary key,
    tenant_id        uuid not null references tenant (id),
    name             text not null,
    description      text,
    skill            text not null,
    active           boolean not null,
    allowed_origins  text[] not null default '{}',
    chat_profile_id  uuid,
    version          integer not null,
    created_at       timestamptz not null,
    created_by       text not null,
    updated_at       timestamptz not null,
    updated_by       text not null,
    foreign key (tenant_id, chat_profile_id) references chat_profile (tenant_id, id)
);
-- The list is ordered by name then id (names may repeat), with a keyset cursor over the same pair.
create index point_of_contact_name_idx on point_of_contact (tenant_id, lower(name), id);
-- "Which points of contact use this profile" is asked on every profile page and before a profile is deleted.
create index point_of_contact_profile_idx on point_of_contact (tenant_id, chat_profile_id) where chat_profile_id is not null;
