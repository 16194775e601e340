-- The audit field filter matches a whole section: "waitingQueue" finds waitingQueue.message, "preChatForm.fields"
-- finds preChatForm.fields[2].options; and a search by a field's label ("Pre-chat form") finds every change in the
-- section it names. Both ask whether a row changed some path in a section, which the GIN index on fields could only
-- answer for whole paths: for a section it would have to read every row of the date range. audit_field_sections
-- lists each changed path with every section above it (the path cut before each '.' or '['), and a GIN index on it
-- answers "in this section" with the same exact lookup the old index made for a whole path. A path is its own
-- section, so this index replaces the one on fields. The function depends on its argument only (IMMUTABLE), as an
-- index expression must; AuditFields.inSection says the same in Java.
create function audit_field_sections(fields text[]) returns text[]
    language sql immutable strict parallel safe
as $$
    select coalesce(array_agg(distinct section), '{}')
    from unnest(fields) as changed(path),
         lateral (select changed.path
                  union all
                  select left(changed.path, i - 1)
                  from generate_series(2, char_length(changed.path)) as i
                  where substr(changed.path, i, 1) in ('.', '[')) as sections(section)
$$;

drop index audit_event_fields_idx;
create index audit_event_sections_idx on audit_event using gin (audit_field_sections(fields));
