package io.parley.contactpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

	static final List<String> VARIANTS = List.of("https://shop.example.com", "HTTPS://Shop.Example.COM",
			"https://shop.example.com:443", "https://shop.example.com/", "http://shop.example.com",
			"https://shop.example.com:8443", "https://evil.example.com", "null", "");

	@Test
	void decidesEveryVariantOfAnOriginAsOriginMatchesDoes() {
		Origin shop = Origin.of("https://shop.example.com");
		AllowedOrigins policy = AllowedOrigins.of(List.of(shop, Origin.of("https://other.example.com")));
		for (String header : VARIANTS) {
			assertThat(policy.allows(header)).as(header).isEqualTo(shop.matches(header));
		}
		assertThat(policy.allows("HTTPS://Shop.Example.COM:443")).isTrue();
		assertThat(policy.allows("https://shop.example.com/")).isFalse();
		assertThat(policy.allows(null)).isFalse();
	}

	@Test
	void allowsAnyPageWithoutAList() {
		AllowedOrigins any = AllowedOrigins.of(List.of());
		assertThat(any.isEmpty()).isTrue();
		assertThat(any.allows("https://evil.example.com")).isTrue();
		assertThat(any.allows(null)).isTrue();
	}

	@Test
	void listsTheOriginsAsKeptAndSorted() {
		AllowedOrigins policy = AllowedOrigins.of(List.of(Origin.of("https://b.example.com"),
				Origin.of("HTTP://A.example.com:80")));
		assertThat(policy.values()).containsExactly("http://a.example.com", "https://b.example.com");
	}
}
