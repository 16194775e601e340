package io.parley.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.parley.audit.FieldChange;

class DiffTest {

	static Map<String, String> map(String... pairs) {
		Map<String, String> map = new TreeMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	@Test
	void createdListsEveryFieldThatHasAValue() {
		assertThat(Diff.created(map("name", "Sales", "logoAssetId", null, "appearance.primaryColor", "#0B5FFF")))
			.containsExactly(new FieldChange("appearance.primaryColor", null, "#0B5FFF"),
					new FieldChange("name", null, "Sales"));
	}

	@Test
	void deletedListsEveryFieldThatHadAValue() {
		assertThat(Diff.deleted(map("name", "Sales", "logoAssetId", null)))
			.containsExactly(new FieldChange("name", "Sales", null));
	}

	@Test
	void updatedListsOnlyChangedFields() {
		assertThat(Diff.between(map("name", "Sales", "skill", "sales", "description", "x", "gone", "1"),
				map("name", "Sales", "skill", "support", "description", null, "added", "2")))
			.containsExactly(new FieldChange("added", null, "2"), new FieldChange("description", "x", null),
					new FieldChange("gone", "1", null), new FieldChange("skill", "sales", "support"));
	}

	@Test
	void equalStatesHaveNoChanges() {
		Map<String, String> state = new HashMap<>(map("a", "1", "b", null));
		assertThat(Diff.between(state, new HashMap<>(state))).isEmpty();
		assertThat(Diff.between(map("b", null), map())).isEmpty();
	}

	@Test
	void emptyTextIsAValueDifferentFromNone() {
		assertThat(Diff.between(map("description", null), map("description", "")))
			.containsExactly(new FieldChange("description", null, ""));
	}
}
