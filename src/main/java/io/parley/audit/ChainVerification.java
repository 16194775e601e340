package io.parley.audit;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The result of walking a tenant's hash chain: valid, or the first row where it breaks.
 *
 * @param valid whether every row's hash matches its content and its predecessor
 * @param checked how many rows were checked
 * @param firstBrokenRow the first row that does not fit the chain, or null when valid
 */
public record ChainVerification(boolean valid, long checked,
		@JsonInclude(JsonInclude.Include.NON_NULL) BrokenRow firstBrokenRow) {

	/** A row where the chain breaks and why; {@code id} and {@code occurredAt} are null when the row itself is gone. */
	public record BrokenRow(UUID id, Instant occurredAt, long seq, String reason) {
	}
}
