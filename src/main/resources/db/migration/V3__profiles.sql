-- Chat profiles: the look and behaviour of the customer side of a chat, one row per profile. Appearance and the
-- waiting queue screen are plain columns, so their image ids keep foreign keys to the assets they show; the
-- pre-chat form, an ordered list of fields, is one jsonb document that is always read and written whole.
create table chat_profile (
    id                              uuid primary key,
    tenant_id                       uuid not null references tenant (id),
    name                            text not null,
    description                     text,
    interface_version               text not null check (interface_version in ('V1', 'V2')),
    primary_color                   text not null,
    primary_text_color              text not null,
    agent_bubble_color              text not null,
    agent_bubble_text_color         text not null,
    top_bar_color                   text not null,
    top_bar_text_color              text not null,
    font_family                     text not null,
    font_size                       text not null,
    header_title                    text not null,
    welcome_message                 text not null,
    button_label                    text not null,
    button_position                 text not null,
    logo_asset_id                   uuid references asset (id),
    pre_chat_form                   jsonb,
    -- null when the profile has no waiting queue screen at all (then every other waiting_queue_ column is null too)
    waiting_queue_enabled           boolean,
    waiting_queue_message           text,
    waiting_queue_background_color  text,
    waiting_queue_text_color        text,
    waiting_queue_logo_asset_id     uuid references asset (id),
    waiting_queue_hero_asset_id     uuid references asset (id),
    waiting_queue_show_position     boolean,
    waiting_queue_show_wait         boolean,
    version                         integer not null,
    created_at                      timestamptz not null,
    created_by                      text not null,
    updated_at                      timestamptz not null,
    updated_by                      text not null,
    -- lets points of contact reference a profile together with its tenant, so no assignment can cross tenants
    unique (tenant_id, id),
    check ((waiting_queue_enabled is null) = (waiting_queue_background_color is null))
);
-- Names are unique in a tenant ignoring case; the same index serves the list ordered by name and its keyset cursor.
create unique index chat_profile_name_uq on chat_profile (tenant_id, lower(name));
