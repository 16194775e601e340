package io.parley.accounts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a request comes from, for rate limits and login throttling. {@code X-Forwarded-For} is believed only
 * as far as the hops are trusted proxies ({@code PARLEY_TRUSTED_PROXIES}: IPs and CIDRs, comma-separated, none by
 * default): reading the list from the right, the first address that is not a trusted proxy is the client. Anyone can
 * write that header, so without trusted proxies it is ignored. One bean of it exists ({@code SecurityConfiguration}).
 */
public class ClientAddresses {

	private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private final List<Network> trusted;

	ClientAddresses(String trustedProxies) {
		List<Network> networks = new ArrayList<>();
		for (String entry : trustedProxies.split(",")) {
			if (!entry.isBlank()) {
				networks.add(Network.parse(entry.trim()));
			}
		}
		this.trusted = List.copyOf(networks);
	}

	/** The client's address, as text ({@code 203.0.113.7}, {@code 2001:db8:0:0:0:0:0:1}). */
	public String of(HttpServletRequest request) {
		InetAddress peer = parse(request.getRemoteAddr());
		if (peer == null) {
			return request.getRemoteAddr();
		}
		if (!isTrusted(peer)) {
			return peer.getHostAddress();
		}
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
			for (String hop : header.split(",")) {
				hops.add(hop.trim());
			}
		}
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetAddress hop = parse(hops.get(i));
			if (hop == null) {
				// A hop that is no address was not written by a proxy we trust: the last trusted hop is the client.
				return peer.getHostAddress();
			}
			if (!isTrusted(hop)) {
				return hop.getHostAddress();
			}
			peer = hop;
		}
		return peer.getHostAddress();
	}

	private boolean isTrusted(InetAddress address) {
		return trusted.stream().anyMatch(network -> network.contains(address));
	}

	/** A literal IP address, never a name (which would cost a DNS lookup); null when the text is not one. */
	static InetAddress parse(String text) {
		if (text == null) {
			return null;
		}
		String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
		if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
			return null;
		}
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException e) {
			return null;
		}
	}

	/** An address block: an address and how many leading bits must match. */
	record Network(byte[] address, int prefix) {

		static Network parse(String text) {
			int slash = text.indexOf('/');
			InetAddress address = ClientAddresses.parse(slash < 0 ? text : text.substring(0, slash));
			if (address == null) {
				throw new IllegalArgumentException("PARLEY_TRUSTED_PROXIES: '" + text + "' is not an IP address or CIDR");
			}
			int bits = address.getAddress().length * 8;
			int prefix = bits;
			if (slash >= 0) {
				try {
					prefix = Integer.parseInt(text.substring(slash + 1));
				}
				catch (NumberFormatException e) {
					prefix = -1;
				}
				if (prefix < 0 || prefix > bits) {
					throw new IllegalArgumentException("PARLEY_TRUSTED_PROXIES: '" + text + "' has no valid prefix length");
				}
			}
			return new Network(address.getAddress(), prefix);
		}

		boolean contains(InetAddress candidate) {
			byte[] bytes = candidate.getAddress();
			if (bytes.length != address.length) {
				return false;
			}
			int full = prefix / 8;
			for (int i = 0; i < full; i++) {
				if (bytes[i] != address[i]) {
					return false;
				}
			}
			int rest = prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (bytes[full] & mask) == (address[full] & mask);
		}
	}
}
