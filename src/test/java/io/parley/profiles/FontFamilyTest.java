package io.parley.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

class FontFamilyTest {

	@Test
	void acceptsFontFamilyLists() {
		for (String font : List.of("system-ui", "\"Open Sans\", Arial, sans-serif", "'Segoe UI', Roboto", "a".repeat(100))) {
			assertThat(FontFamily.of(font).value()).isEqualTo(font);
		}
	}

	@Test
	void refusesAnythingThatCouldLeaveTheCssDeclaration() {
		for (String font : List.of("Arial; background:url(x)", "Arial}</style><script>alert(1)</script>",
				"Arial\n", "url(x)", "Arial/*", "a".repeat(101), "", "   ", "Zoë Sans")) {
			assertThat(FontFamily.isValid(font)).as(font).isFalse();
			assertThatIllegalArgumentException().as(font).isThrownBy(() -> FontFamily.of(font));
		}
	}
}
