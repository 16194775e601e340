package io.parley.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class ListPageTest {

	@Test
	void aCursorGivesBackThePositionOfTheLastItemShown() {
		ListPage<String> page = ListPage.of("names", List.of("Ann", "Bo: \"quoted\" ✓", "Cy"), 2, name -> List.of(name, "x"));
		assertThat(page.items()).containsExactly("Ann", "Bo: \"quoted\" ✓");
		assertThat(ListPage.position("names", 2, page.nextCursor())).containsExactly("Bo: \"quoted\" ✓", "x");
		assertThat(ListPage.of("names", List.of("Ann"), 2, name -> List.of(name)).nextCursor()).isNull();
		assertThat(ListPage.position("names", 1, null)).isNull();
		assertThat(ListPage.position("names", 1, "")).isNull();
	}

	@Test
	void refusesEveryCursorItsListDidNotHandOut() {
		String real = ListPage.cursor("names", List.of("Bo"));
		for (String cursor : List.of(ListPage.cursor("users", List.of("Bo")), ListPage.cursor("names", List.of("Bo", "x")),
				ListPage.cursor("names", List.of("")), real + "==", "/" + real, "%ff", "garbage",
				b64(new byte[] { (byte) 0xff, (byte) 0xfe, 0x41 }), b64("names".getBytes(StandardCharsets.UTF_8)),
				"A".repeat(3000))) {
			assertThatThrownBy(() -> ListPage.position("names", 1, cursor)).as(cursor)
				.isInstanceOfSatisfying(InvalidInputException.class,
						e -> assertThat(e.violations().get(0).field()).isEqualTo("cursor"));
		}
	}

	private static String b64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
