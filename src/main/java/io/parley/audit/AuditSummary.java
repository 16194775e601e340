package io.parley.audit;

import java.time.Instant;

/** Who created an entity and when, and who changed it last and when, as its audit history tells; nulls when it has none. */
public record AuditSummary(String createdBy, Instant createdAt, String modifiedBy, Instant modifiedAt) {
}
