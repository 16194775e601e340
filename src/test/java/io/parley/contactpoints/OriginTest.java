package io.parley.contactpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class OriginTest {

	@Test
	void acceptsSchemeHostAndPortWrittenAsBrowsersSendThem() {
		assertThat(Origin.of("https://shop.example.com").value()).isEqualTo("https://shop.example.com");
		assertThat(Origin.of("https://shop.example.com:8443").value()).isEqualTo("https://shop.example.com:8443");
		assertThat(Origin.of("http://localhost:3000").value()).isEqualTo("http://localhost:3000");
		assertThat(Origin.of("https://shop.example.com.evil.test").value()).isEqualTo("https://shop.example.com.evil.test");
		assertThat(Origin.of("http://127.0.0.1:8080").value()).isEqualTo("http://127.0.0.1:8080");
		assertThat(Origin.of("http://[::1]:8080").value()).isEqualTo("http://[::1]:8080");
	}

	@Test
	void lowerCasesAndDropsTheDefaultPort() {
		assertThat(Origin.of("HTTPS://Shop.Example.COM").value()).isEqualTo("https://shop.example.com");
		assertThat(Origin.of("https://shop.example.com:443").value()).isEqualTo("https://shop.example.com");
		assertThat(Origin.of("http://shop.example.com:80").value()).isEqualTo("http://shop.example.com");
		assertThat(Origin.of("http://shop.example.com:443").value()).isEqualTo("http://shop.example.com:443");
		assertThat(Origin.of("https://shop.example.com:08443").value()).isEqualTo("https://shop.example.com:8443");
	}

	@Test
	void refusesWhatIsNotAnOrigin() {
		for (String text : Arrays.asList("null", "ftp://x", "shop.example.com", "https://shop.example.com/path",
				"https://*.example.com", "https://shop.example.com/", "https://user@shop.example.com",
				"https://user:pw@shop.example.com", "https://shop.example.com?q", "https://shop.example.com#x",
				"https://shop.example.com:0", "https://shop.example.com:65536", "https://shop.example.com:",
				"https://", "javascript:alert(1)", "data:text/html,x", " https://a.example.com",
				"https://a.example.com ", "https://a_b.example.com", "https://münchen.de", "https://-a.example.com",
				"https://a..example.com", "https://" + "a".repeat(300) + ".com", "", null)) {
			assertThat(Origin.problem(text)).as(text).isNotNull();
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> Origin.of(text));
		}
	}

	@Test
	void matchesTheOriginHeaderOfABrowser() {
		Origin origin = Origin.of("https://shop.example.com");
		assertThat(origin.matches("https://shop.example.com")).isTrue();
		assertThat(origin.matches("https://SHOP.example.com:443")).isTrue();
		for (String other : Arrays.asList("http://shop.example.com", "https://shop.example.com:8443",
				"https://shop.example.com.evil.test", "https://evil.test", "null", "", null)) {
			assertThat(origin.matches(other)).as(other).isFalse();
		}
	}

	@Test
	void cannotBeBuiltUnnormalized() {
		for (String text : List.of("HTTPS://shop.example.com", "https://shop.example.com:443", "ftp://x")) {
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> new Origin(text));
		}
	}
}
