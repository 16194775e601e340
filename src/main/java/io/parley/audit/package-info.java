/**
 * The audit history: an append-only, tamper-evident log of every change to chat profiles and points of contact,
 * recorded from their domain events in the writing transaction, with field-level diffs, search, CSV export, hash
 * chain verification and retention by monthly partitions.
 */
@org.springframework.modulith.ApplicationModule(
		displayName = "Audit history",
		allowedDependencies = { "accounts", "contactpoints", "database", "http", "profiles", "shared" })
package io.parley.audit;
