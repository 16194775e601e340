package io.parley.contactpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.parley.shared.FieldViolation;
import io.parley.shared.InvalidInputException;
import io.parley.accounts.Actor;
import io.parley.accounts.Role;

class PointOfContactTest {

	static final Actor ADMIN = new Actor(UUID.randomUUID(), UUID.randomUUID(), "ann", "Ann Admin", Set.of(Role.ADMIN));
	static final Actor OTHER = new Actor(ADMIN.tenantId(), UUID.randomUUID(), "bob", "Bob", Set.of(Role.ADMIN));
	static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
	static final UUID SALES = UUID.randomUUID();
	static final UUID SUPPORT = UUID.randomUUID();
	static final Predicate<UUID> PROFILES = id -> id.equals(SALES) || id.equals(SUPPORT);

	@Test
	void createsAnActivePointOfContactForAnyOriginByDefault() {
		PointOfContact poc = create(new PointOfContactDraft("Sales page", null, "sales", null, null, null));
		assertThat(poc.active()).isTrue();
		assertThat(poc.allowedOrigins()).isEmpty();
		assertThat(poc.chatProfileId()).isNull();
		assertThat(poc.version()).isEqualTo(1);
		assertThat(poc.createdBy()).isEqualTo("ann");
		assertThat(poc.allowsOrigin("https://anything.example")).isTrue();
	}

	@Test
	void allowsOnlyTheListedOrigins() {
		PointOfContact poc = create(draft(List.of("https://Shop.Example.com", "http://localhost:3000"), null));
		assertThat(poc.allowedOrigins()).extracting(Origin::value)
			.containsExactly("https://shop.example.com", "http://localhost:3000");
		assertThat(poc.allowsOrigin("https://shop.example.com")).isTrue();
		assertThat(poc.allowsOrigin("http://localhost:3000")).isTrue();
		assertThat(poc.allowsOrigin("https://evil.test")).isFalse();
		assertThat(poc.allowsOrigin(null)).isFalse();
		assertThat(poc.allowsOrigin("null")).isFalse();
	}

	@Test
	void namesEachBadOriginByIndex() {
		assertThat(violations(draft(Arrays.asList("https://ok.example.com", "null", "ftp://x", "shop.example.com",
				"https://shop.example.com/path", "https://*.example.com", null, "https://OK.example.com:443"), null)))
			.containsExactly("allowedOrigins[1]", "allowedOrigins[2]", "allowedOrigins[3]", "allowedOrigins[4]",
					"allowedOrigins[5]", "allowedOrigins[6]", "allowedOrigins[7]");
		List<String> many = IntStream.range(0, 51).mapToObj(i -> "https://s" + i + ".example.com").toList();
		assertThat(violations(draft(many, null))).containsExactly("allowedOrigins");
	}

	@Test
	void requiresANameAndASkillQueue() {
		assertThat(violations(new PointOfContactDraft(null, "d".repeat(1001), null, null, null, null)))
			.containsExactlyInAnyOrder("name", "description", "skill");
		for (String skill : List.of("Sales", "", "-x", "a b", "s".repeat(41), "sales\u0000")) {
			assertThat(violations(new PointOfContactDraft("n", null, skill, null, null, null))).as(skill)
				.containsExactly("skill");
		}
		assertThat(create(new PointOfContactDraft("n", null, "0_sales-2nd", null, null, null)).skill())
			.isEqualTo("0_sales-2nd");
	}

	@Test
	void refusesAProfileOfAnotherTenant() {
		assertThat(violations(draft(List.of(), UUID.randomUUID()))).containsExactly("chatProfileId");
		assertThat(create(draft(List.of(), SALES)).chatProfileId()).isEqualTo(SALES);
	}

	@Test
	void movesPointOfContactToNewProfile() {
		PointOfContact poc = create(draft(List.of(), SALES));
		PointOfContact moved = poc.withChatProfile(SUPPORT, OTHER, NOW.plusSeconds(1));
		assertThat(moved.chatProfileId()).isEqualTo(SUPPORT);
		assertThat(moved.version()).isEqualTo(2);
		assertThat(moved.updatedBy()).isEqualTo("bob");
		assertThat(moved.hasSameFieldsAs(poc)).isTrue();
		assertThat(poc.chatProfileId()).as("the original is unchanged").isEqualTo(SALES);

		assertThat(moved.withChatProfile(SUPPORT, ADMIN, NOW)).isSameAs(moved);
		PointOfContact unassigned = moved.withChatProfile(null, ADMIN, NOW.plusSeconds(2));
		assertThat(unassigned.chatProfileId()).isNull();
		assertThat(unassigned.version()).isEqualTo(3);
	}

	@Test
	void anUpdateReplacesEverythingAsTheNextVersion() {
		PointOfContact poc = create(draft(List.of("https://shop.example.com"), SALES));
		PointOfContact same = poc.update(draft(List.of("https://shop.example.com"), SALES), PROFILES, OTHER, NOW);
		assertThat(same.hasSameFieldsAs(poc)).isTrue();
		PointOfContact changed = poc.update(new PointOfContactDraft("Renamed", null, "support", false, null, null),
				PROFILES, OTHER, NOW.plusSeconds(9));
		assertThat(changed.version()).isEqualTo(2);
		assertThat(changed.hasSameFieldsAs(poc)).isFalse();
		assertThat(changed.active()).isFalse();
		assertThat(changed.allowedOrigins()).isEmpty();
		assertThat(changed.chatProfileId()).isNull();
		assertThat(changed.createdBy()).isEqualTo("ann");
		assertThat(changed.updatedAt()).isEqualTo(NOW.plusSeconds(9));
	}

	@Test
	void flattensItsOwnFieldsForTheEvents() {
		PointOfContact poc = create(draft(List.of("https://shop.example.com", "http://localhost:3000"), SALES));
		SortedMap<String, String> expected = new TreeMap<>();
		expected.put("name", "Sales page");
		expected.put("description", null);
		expected.put("skill", "sales");
		expected.put("active", "true");
		expected.put("allowedOrigins", "[\"https://shop.example.com\",\"http://localhost:3000\"]");
		assertThat(poc.fields()).isEqualTo(expected);
		assertThat(create(draft(List.of(), null)).fields()).containsEntry("allowedOrigins", "[]");
	}

	@Test
	void cannotBeBuiltBreakingItsRules() {
		PointOfContact poc = create(draft(List.of(), null));
		assertThatThrownBy(() -> new PointOfContact(poc.id(), poc.tenantId(), "", null, "SALES", true, List.of(), null,
				1, NOW, "ann", NOW, "ann")).isInstanceOf(InvalidInputException.class);
	}

	static PointOfContactDraft draft(List<String> origins, UUID profile) {
		return new PointOfContactDraft("Sales page", null, "sales", true, origins, profile);
	}

	static PointOfContact create(PointOfContactDraft draft) {
		return PointOfContact.create(UUID.randomUUID(), ADMIN, draft, PROFILES, NOW);
	}

	static List<String> violations(PointOfContactDraft draft) {
		try {
			create(draft);
		}
		catch (InvalidInputException e) {
			return e.violations().stream().map(FieldViolation::field).toList();
		}
		throw new AssertionError("The draft was accepted: " + draft);
	}
}
