package io.parley.audit;

/** One changed field of an audited entity, by dotted path, with its value as text before and after (null for none). */
public record FieldChange(String field, String oldValue, String newValue) {
}
