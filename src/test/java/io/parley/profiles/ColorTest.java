package io.parley.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.parley.shared.Violations;

class ColorTest {

	@Test
	void acceptsSixHexDigitsInEitherCaseKeepingTheText() {
		assertThat(Color.of("#0B5FFF").hex()).isEqualTo("#0B5FFF");
		assertThat(Color.of("#0b5fff").hex()).isEqualTo("#0b5fff");
		assertThat(Color.of("#000000")).isEqualTo(new Color("#000000"));
	}

	@Test
	void refusesEverythingElse() {
		for (String text : Arrays.asList("#FFF", "red", "#GGGGGG", "#0B5FFF; background:url(x)", "rgb(1,2,3)", "",
				"0B5FFF", "#0B5FFF0", " #0B5FFF", "#0B5FFF\n", "#0B5FF", null)) {
			assertThat(Color.isValid(text)).as(text).isFalse();
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> Color.of(text));
		}
	}

	@Test
	void parsingNamesTheFieldOrFallsBack() {
		Violations violations = new Violations();
		Color fallback = Color.of("#FFFFFF");
		assertThat(Color.parse(violations, "appearance.primaryColor", null, fallback)).isEqualTo(fallback);
		assertThat(Color.parse(violations, "appearance.primaryColor", "red", fallback)).isNull();
		assertThat(violations.list()).singleElement()
			.satisfies(v -> assertThat(v.field()).isEqualTo("appearance.primaryColor"));
	}
}
