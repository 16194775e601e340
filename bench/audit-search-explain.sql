-- EXPLAIN (ANALYZE, BUFFERS) of the SQL that AuditLog builds for each query of bench/audit-search, with values
-- picked from the seeded data. Run after the benchmark, on the same database:
--   psql -h 127.0.0.1 -U postgres -d parley_bench -f bench/audit-search-explain.sql
\pset pager off
select id as tenant from tenant where name = 'default' \gset
select max(occurred_at) + interval '1 minute' as now from audit_event \gset
select (:'now'::timestamptz - interval '30 days') as since \gset
-- A typical entity: the one with the median number of rows in the window.
select entity_id as entity, entity_type as type from (
    select entity_id, entity_type, count(*) as n from audit_event
    where tenant_id = :'tenant' and occurred_at >= :'since' group by 1, 2 order by n
) e offset (select count(distinct entity_id) / 2 from audit_event where tenant_id = :'tenant' and occurred_at >= :'since') limit 1 \gset
select entity_name as entityname from audit_event where tenant_id = :'tenant' and entity_id = :'entity' order by occurred_at desc limit 1 \gset
select lower(new_values[1]) as colour from audit_event where tenant_id = :'tenant' and occurred_at >= :'since'
    and fields[1] = 'appearance.primaryColor' and action = 'UPDATED' limit 1 \gset
select actor from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' group by actor order by count(*) limit 1 \gset

\echo '== entity first page'
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now' and entity_id = :'entity' and entity_type = :'type'
order by occurred_at desc, id desc limit 51;

\echo '== entity + field'
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now' and entity_id = :'entity' and entity_type = :'type'
and audit_field_sections(fields) @> array['appearance.primaryColor'::text] order by occurred_at desc, id desc limit 51;

\echo '== entity + section (waitingQueue)'
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now' and entity_id = :'entity' and entity_type = :'type'
and audit_field_sections(fields) @> array['waitingQueue'::text] order by occurred_at desc, id desc limit 51;

\echo '== tenant section, frequent (appearance)'
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now'
and audit_field_sections(fields) @> array['appearance'::text] order by occurred_at desc, id desc limit 51;

\echo '== tenant section, rare (preChatForm.fields)'
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now'
and audit_field_sections(fields) @> array['preChatForm.fields'::text] order by occurred_at desc, id desc limit 51;

\echo '== entity + action'
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now' and entity_id = :'entity' and entity_type = :'type'
and action = 'ASSIGNED' order by occurred_at desc, id desc limit 51;

\echo '== tenant by actor (the least active one)'
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now' and lower(actor) = lower(:'actor')
order by occurred_at desc, id desc limit 51;

-- Tenant-wide free text runs in two steps (AuditLog.tenantText): step 1 reads at most the newest 2 000 rows of the
-- window and stops when the page is full; only when it is not, step 2 reads the rest of the window with plain index
-- scans off, so that the trigram index (through a bitmap) is the way in. The text must be in a field change, not only
-- in the entity name that search_text begins with (so it is looked for again after the name's lines), or in the
-- label of a changed field (AuditFields.sectionsLabelled turns the text into the sections whose labels hold it).
\echo '== tenant free text, step 1: frequent word'
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from (select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values, search_text
      from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now'
      order by occurred_at desc, id desc limit 2000) recent
where true and ((search_text like '%refunds%' and strpos((case when strpos(entity_name, E'\n') = 0 then substr(search_text, strpos(search_text, E'\n') + 1) else array_to_string((string_to_array(search_text, E'\n'))[char_length(entity_name) - char_length(replace(entity_name, E'\n', '')) + 2:], E'\n') end), 'refunds') > 0)) order by occurred_at desc, id desc limit 51;

\echo '== tenant free text, step 1: a word in a label too ("welcome": Appearance › Welcome message, Pre-chat form › Welcome message)'
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from (select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values, search_text
      from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now'
      order by occurred_at desc, id desc limit 2000) recent
where true and ((search_text like '%welcome%' and strpos((case when strpos(entity_name, E'\n') = 0 then substr(search_text, strpos(search_text, E'\n') + 1) else array_to_string((string_to_array(search_text, E'\n'))[char_length(entity_name) - char_length(replace(entity_name, E'\n', '')) + 2:], E'\n') end), 'welcome') > 0) or audit_field_sections(fields) && array['appearance.welcomeMessage', 'preChatForm.welcomeMessage']) order by occurred_at desc, id desc limit 51;

\echo '== tenant free text, step 1: rare colour (reads 2 000 rows, page not full)'
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from (select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values, search_text
      from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now'
      order by occurred_at desc, id desc limit 2000) recent
where true and ((search_text like '%' || :'colour' || '%' and strpos((case when strpos(entity_name, E'\n') = 0 then substr(search_text, strpos(search_text, E'\n') + 1) else array_to_string((string_to_array(search_text, E'\n'))[char_length(entity_name) - char_length(replace(entity_name, E'\n', '')) + 2:], E'\n') end), :'colour') > 0)) order by occurred_at desc, id desc limit 51;

\echo '== tenant free text, the boundary of step 1'
explain (analyze, buffers, costs off) select occurred_at, id from audit_event
where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now' order by occurred_at desc, id desc offset 1999 limit 1;
select occurred_at as b_at, id as b_id from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now'
order by occurred_at desc, id desc offset 1999 limit 1 \gset

begin;
set local enable_indexscan = off;
\echo '== tenant free text, step 2: rare colour'
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now' and ((search_text like '%' || :'colour' || '%' and strpos((case when strpos(entity_name, E'\n') = 0 then substr(search_text, strpos(search_text, E'\n') + 1) else array_to_string((string_to_array(search_text, E'\n'))[char_length(entity_name) - char_length(replace(entity_name, E'\n', '')) + 2:], E'\n') end), :'colour') > 0))
and (occurred_at, id) < (:'b_at'::timestamptz, :'b_id'::uuid) order by occurred_at desc, id desc limit 51;

\echo '== tenant free text, step 2: entity name (found by trigrams, then only where a change holds it)'
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now' and ((search_text like '%' || lower(:'entityname') || '%' and strpos((case when strpos(entity_name, E'\n') = 0 then substr(search_text, strpos(search_text, E'\n') + 1) else array_to_string((string_to_array(search_text, E'\n'))[char_length(entity_name) - char_length(replace(entity_name, E'\n', '')) + 2:], E'\n') end), lower(:'entityname')) > 0))
and (occurred_at, id) < (:'b_at'::timestamptz, :'b_id'::uuid) order by occurred_at desc, id desc limit 51;

\echo '== tenant free text, step 2: a label ("waiting message": the trigram index finds nothing, the sections index the changes)'
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now' and ((search_text like '%waiting message%' and strpos((case when strpos(entity_name, E'\n') = 0 then substr(search_text, strpos(search_text, E'\n') + 1) else array_to_string((string_to_array(search_text, E'\n'))[char_length(entity_name) - char_length(replace(entity_name, E'\n', '')) + 2:], E'\n') end), 'waiting message') > 0) or audit_field_sections(fields) && array['waitingQueue.message'])
and (occurred_at, id) < (:'b_at'::timestamptz, :'b_id'::uuid) order by occurred_at desc, id desc limit 51;

\echo '== tenant free text, step 2: two letters (no trigram: the whole window is read)'
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now' and ((search_text like '%zq%' and strpos((case when strpos(entity_name, E'\n') = 0 then substr(search_text, strpos(search_text, E'\n') + 1) else array_to_string((string_to_array(search_text, E'\n'))[char_length(entity_name) - char_length(replace(entity_name, E'\n', '')) + 2:], E'\n') end), 'zq') > 0))
and (occurred_at, id) < (:'b_at'::timestamptz, :'b_id'::uuid) order by occurred_at desc, id desc limit 51;
commit;

\echo '== tenant page 1000 (cursor of the 50 000th row)'
select occurred_at as cursor_at, id as cursor_id from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now'
order by occurred_at desc, id desc offset 49999 limit 1 \gset
explain (analyze, buffers, costs off) select id, occurred_at, actor, actor_name, action, entity_type, entity_id, entity_name, fields, old_values, new_values
from audit_event where tenant_id = :'tenant' and occurred_at >= :'since' and occurred_at <= :'now'
and (occurred_at, id) < (:'cursor_at'::timestamptz, :'cursor_id'::uuid) order by occurred_at desc, id desc limit 51;

\echo '== entity summary: created'
explain (analyze, buffers, costs off) select actor, occurred_at from audit_event
where tenant_id = :'tenant' and entity_id = :'entity' and entity_type = :'type' and action = 'CREATED' order by occurred_at limit 1;
