-- A chat profile's settings become one jsonb document that the profile module writes and reads with Jackson from the
-- records that declare them (ChatProfileDraft and the values it becomes), so that a new setting needs no column and
-- no SQL. A setting missing from a document written before it existed reads as its default.
-- What stays a column: the name (unique per tenant, searched and ordered by), the description and the interface
-- version; and the three image ids, copied from the document on every write only so that their foreign keys keep an
-- image from being deleted while a profile shows it.
alter table chat_profile add column settings jsonb;

update chat_profile set settings = jsonb_build_object(
    'appearance', jsonb_build_object(
        'primaryColor', primary_color,
        'primaryTextColor', primary_text_color,
        'agentBubbleColor', agent_bubble_color,
        'agentBubbleTextColor', agent_bubble_text_color,
        'topBarColor', top_bar_color,
        'topBarTextColor', top_bar_text_color,
        'fontFamily', font_family,
        'fontSize', font_size,
        'headerTitle', header_title,
        'welcomeMessage', welcome_message,
        'buttonLabel', button_label,
        'buttonPosition', button_position),
    'logoAssetId', logo_asset_id,
    'preChatForm', pre_chat_form,
    'waitingQueue', case when waiting_queue_enabled is null then null else jsonb_build_object(
        'enabled', waiting_queue_enabled,
        'message', waiting_queue_message,
        'backgroundColor', waiting_queue_background_color,
        'textColor', waiting_queue_text_color,
        'logoAssetId', waiting_queue_logo_asset_id,
        'heroImageAssetId', waiting_queue_hero_asset_id,
        'showPosition', waiting_queue_show_position,
        'showEstimatedWait', waiting_queue_show_wait) end);

alter table chat_profile alter column settings set not null;

alter table chat_profile
    drop column primary_color,
    drop column primary_text_color,
    drop column agent_bubble_color,
    drop column agent_bubble_text_color,
    drop column top_bar_color,
    drop column top_bar_text_color,
    drop column font_family,
    drop column font_size,
    drop column header_title,
    drop column welcome_message,
    drop column button_label,
    drop column button_position,
    drop column pre_chat_form,
    drop column waiting_queue_enabled,
    drop column waiting_queue_message,
    drop column waiting_queue_background_color,
    drop column waiting_queue_text_color,
    drop column waiting_queue_show_position,
    drop column waiting_queue_show_wait;
