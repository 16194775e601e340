package io.parley.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.parley.audit.AuditAction;
import io.parley.audit.AuditedEntityType;
import io.parley.audit.FieldChange;

class ChainHashTest {

	static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-000000000001");
	static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000002");
	static final UUID ENTITY = UUID.fromString("00000000-0000-0000-0000-000000000003");
	static final UUID USER = UUID.fromString("00000000-0000-0000-0000-000000000004");

	static AuditRow row(UnaryOperator<Object[]> change) {
		Object[] v = { 7L, Instant.parse("2026-11-25T10:15:30.123456Z"), "Sales chat", AuditAction.UPDATED, "admin",
				"Administrator", List.of(new FieldChange("appearance.primaryColor", "#0B5FFF", "#FF0000")) };
		v = change.apply(v);
		@SuppressWarnings("unchecked")
		List<FieldChange> changes = (List<FieldChange>) v[6];
		return new AuditRow(TENANT, (Long) v[0], ID, (Instant) v[1], AuditedEntityType.CHAT_PROFILE, ENTITY,
				(String) v[2], (AuditAction) v[3], USER, (String) v[4], (String) v[5], changes);
	}

	static Object[] with(Object[] values, int index, Object value) {
		Object[] copy = values.clone();
		copy[index] = value;
		return copy;
	}

	@Test
	void isASha256ThatDependsOnlyOnContent() {
		byte[] first = ChainHash.of(row(v -> v), ChainHash.GENESIS);
		assertThat(first).hasSize(32);
		assertThat(ChainHash.of(row(v -> v), ChainHash.GENESIS)).isEqualTo(first);
	}

	/**
	 * The encoding is a contract with every chain already stored: this value was also computed independently (a few
	 * lines of Python following the encoding in ChainHash's documentation), so a change to the encoding fails here.
	 */
	@Test
	void keepsTheDocumentedEncoding() {
		assertThat(HexFormat.of().formatHex(ChainHash.of(row(v -> v), ChainHash.GENESIS)))
			.isEqualTo("c5bb8c279638e072649b227745a5d35cd847fef5ac012f132c50bc54f7cc37c8");
	}

	@Test
	void changesWithEveryPartOfTheRowAndThePreviousHash() {
		byte[] base = ChainHash.of(row(v -> v), ChainHash.GENESIS);
		byte[] otherPrevious = new byte[32];
		otherPrevious[31] = 1;
		assertThat(ChainHash.of(row(v -> v), otherPrevious)).isNotEqualTo(base);
		assertThat(ChainHash.of(row(v -> with(v, 0, 8L)), ChainHash.GENESIS)).isNotEqualTo(base);
		assertThat(ChainHash.of(row(v -> with(v, 1, Instant.parse("2026-11-25T10:15:30.123457Z"))),
				ChainHash.GENESIS)).isNotEqualTo(base);
		assertThat(ChainHash.of(row(v -> with(v, 2, "Sales chat ")), ChainHash.GENESIS)).isNotEqualTo(base);
		assertThat(ChainHash.of(row(v -> with(v, 3, AuditAction.CREATED)), ChainHash.GENESIS)).isNotEqualTo(base);
		assertThat(ChainHash.of(row(v -> with(v, 4, "root")), ChainHash.GENESIS)).isNotEqualTo(base);
		assertThat(ChainHash.of(row(v -> with(v, 5, "Admin")), ChainHash.GENESIS)).isNotEqualTo(base);
		assertThat(ChainHash.of(row(v -> with(v, 6, List.of(new FieldChange("appearance.primaryColor", "#0B5FFF",
				"#FF0001")))), ChainHash.GENESIS)).isNotEqualTo(base);
		assertThat(ChainHash.of(row(v -> with(v, 6, List.of())), ChainHash.GENESIS)).isNotEqualTo(base);
	}

	@Test
	void tellsNullFromEmptyTextAndKeepsFieldBoundaries() {
		byte[] nullOld = ChainHash.of(row(v -> with(v, 6, List.of(new FieldChange("f", null, "x")))),
				ChainHash.GENESIS);
		byte[] emptyOld = ChainHash.of(row(v -> with(v, 6, List.of(new FieldChange("f", "", "x")))),
				ChainHash.GENESIS);
		assertThat(nullOld).isNotEqualTo(emptyOld);
		byte[] split = ChainHash.of(row(v -> with(v, 4, "ad")), ChainHash.GENESIS);
		byte[] shifted = ChainHash.of(row(v -> with(with(v, 4, "a"), 5, "dAdministrator")), ChainHash.GENESIS);
		assertThat(split).isNotEqualTo(shifted);
	}

	@Test
	void ignoresPrecisionBeyondTheMicrosecondThatPostgresqlKeeps() {
		assertThat(ChainHash.of(row(v -> with(v, 1, Instant.parse("2026-11-25T10:15:30.123456789Z"))),
				ChainHash.GENESIS)).isEqualTo(ChainHash.of(row(v -> v), ChainHash.GENESIS));
	}
}
