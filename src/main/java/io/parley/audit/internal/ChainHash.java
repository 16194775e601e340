package io.parley.audit.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import io.parley.audit.FieldChange;

/**
 * The SHA-256 that chains a tenant's audit rows: over an unambiguous encoding of the row followed by the previous
 * row's hash, so that changing, removing or inserting a row shows. The encoding, which stored chains depend on: the
 * ASCII bytes {@code parley-audit-v1}; tenant id; seq (8 bytes); id; occurredAt as microseconds since the epoch
 * (8 bytes); entity type; entity id; entity name; action; actor id (a byte 0 for none, or 1 and the id); actor;
 * actor name; the number of changes (8 bytes) and for each its field, old value and new value; the previous hash.
 * Numbers are big-endian, ids are their 16 bytes, and a text is a byte 0 for null or a byte 1, its UTF-8 length
 * (4 bytes) and its UTF-8 bytes.
 */
public final class ChainHash {

	/** The "previous hash" of a tenant's first row. */
	public static final byte[] GENESIS = new byte[32];

	private static final byte[] VERSION = "parley-audit-v1".getBytes(StandardCharsets.US_ASCII);

	private ChainHash() {
	}

	public static byte[] of(AuditRow row, byte[] previousHash) {
		MessageDigest digest = sha256();
		digest.update(VERSION);
		uuid(digest, row.tenantId());
		number(digest, row.seq());
		uuid(digest, row.id());
		number(digest, row.occurredAtMicros());
		text(digest, row.entityType().name());
		uuid(digest, row.entityId());
		text(digest, row.entityName());
		text(digest, row.action().name());
		if (row.actorId() == null) {
			digest.update((byte) 0);
		}
		else {
			digest.update((byte) 1);
			uuid(digest, row.actorId());
		}
		text(digest, row.actor());
		text(digest, row.actorName());
		number(digest, row.changes().size());
		for (FieldChange change : row.changes()) {
			text(digest, change.field());
			text(digest, change.oldValue());
			text(digest, change.newValue());
		}
		digest.update(previousHash);
		return digest.digest();
	}

	private static void uuid(MessageDigest digest, UUID uuid) {
		digest.update(ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
			.putLong(uuid.getLeastSignificantBits()).array());
	}

	private static void number(MessageDigest digest, long value) {
		digest.update(ByteBuffer.allocate(8).putLong(value).array());
	}

	private static void text(MessageDigest digest, String value) {
		if (value == null) {
			digest.update((byte) 0);
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		digest.update((byte) 1);
		digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
		digest.update(bytes);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime has SHA-256", e);
		}
	}
}
