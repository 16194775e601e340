package io.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

	private static MockHttpServletRequest from(String peer, String... forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		for (String header : forwardedFor) {
			request.addHeader("X-Forwarded-For", header);
		}
		return request;
	}

	@Test
	void ignoresForwardedForWithoutTrustedProxies() {
		ClientAddresses addresses = new ClientAddresses("");
		assertThat(addresses.of(from("198.51.100.7", "203.0.113.1"))).isEqualTo("198.51.100.7");
	}

	@Test
	void believesTrustedProxiesOnlyAsFarAsTheyAreTrusted() {
		ClientAddresses addresses = new ClientAddresses("10.0.0.0/8, 192.0.2.10");
		assertThat(addresses.of(from("10.1.2.3", "203.0.113.1"))).isEqualTo("203.0.113.1");
		assertThat(addresses.of(from("10.1.2.3", "198.51.100.66, 203.0.113.1, 192.0.2.10"))).isEqualTo("203.0.113.1");
		assertThat(addresses.of(from("10.1.2.3", "198.51.100.66", "203.0.113.1"))).isEqualTo("203.0.113.1");
		assertThat(addresses.of(from("10.1.2.3", "10.0.0.9, 10.0.0.8"))).isEqualTo("10.0.0.9");
		assertThat(addresses.of(from("10.1.2.3"))).isEqualTo("10.1.2.3");
		assertThat(addresses.of(from("10.1.2.3", "evil.example.com"))).isEqualTo("10.1.2.3");
		assertThat(addresses.of(from("11.0.0.1", "203.0.113.1"))).isEqualTo("11.0.0.1");
	}

	@Test
	void handlesIpv6() {
		ClientAddresses addresses = new ClientAddresses("::1, 2001:db8::/32");
		assertThat(addresses.of(from("0:0:0:0:0:0:0:1", "2001:db8::5, 2001:db9::1"))).isEqualTo("2001:db9:0:0:0:0:0:1");
		assertThat(addresses.of(from("2001:db8:ffff::1", "[2001:db9::2]"))).isEqualTo("2001:db9:0:0:0:0:0:2");
		assertThat(addresses.of(from("127.0.0.1", "203.0.113.1"))).isEqualTo("127.0.0.1");
	}

	@Test
	void refusesSettingsThatAreNoAddresses() {
		assertThatThrownBy(() -> new ClientAddresses("proxy.internal")).hasMessageContaining("proxy.internal");
		assertThatThrownBy(() -> new ClientAddresses("10.0.0.0/33")).hasMessageContaining("prefix");
		assertThatThrownBy(() -> new ClientAddresses("10.0.0.0/x")).hasMessageContaining("prefix");
	}
}
