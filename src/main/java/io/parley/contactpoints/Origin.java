package io.parley.contactpoints;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.shared.Violations;

/**
 * A web site allowed to embed a point of contact, as a browser sends it in the {@code Origin} header:
 * {@code scheme://host[:port]}, http or https, without path, user info or wildcard. It is kept the way browsers
 * write it, so that a plain comparison decides: scheme and host lower-cased, the default port (80, 443) left out.
 */
public record Origin(String value) {

	public static final int MAX_LENGTH = 300;
	private static final Pattern SHAPE = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)", Pattern.DOTALL);
	private static final Pattern HOST_NAME = Pattern
		.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
	private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+\\]");
	private static final Pattern HOST_AND_PORT = Pattern.compile("(\\[[^\\]]*\\]|[^:]*)(?::([0-9]{1,5}))?");

	public Origin {
		String problem = problem(value);
		if (problem != null) {
			throw new IllegalArgumentException("An origin " + problem + ": " + value);
		}
		if (!normalize(value).equals(value)) {
			throw new IllegalArgumentException("An origin is written lower-case without its default port: " + value);
		}
	}

	/** The origin {@code text} names, normalized; an {@code IllegalArgumentException} when it is not one. */
	public static Origin of(String text) {
		String problem = problem(text);
		if (problem != null) {
			throw new IllegalArgumentException("An origin " + problem + ": " + text);
		}
		return new Origin(normalize(text));
	}

	/** The origin in an {@code Origin} header, empty when the header does not hold one (e.g. {@code null}). */
	public static Optional<Origin> fromHeader(String header) {
		return header == null || problem(header) != null ? Optional.empty() : Optional.of(new Origin(normalize(header)));
	}

	static Origin parse(Violations violations, String field, String text) {
		String problem = problem(text);
		if (problem != null) {
			violations.add(field, problem);
			return null;
		}
		return new Origin(normalize(text));
	}

	/** What is wrong with {@code text} as an origin, or null when nothing is. */
	static String problem(String text) {
		if (text == null) {
			return "is required";
		}
		if (text.length() > MAX_LENGTH) {
			return "must be at most " + MAX_LENGTH + " characters";
		}
		Matcher shape = SHAPE.matcher(text);
		if (!shape.matches()) {
			return "must be scheme://host[:port], e.g. https://shop.example.com";
		}
		String scheme = shape.group(1).toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return "must use http or https";
		}
		if (!shape.group(3).isEmpty()) {
			return "must not have a path, query or fragment (not even a trailing /): scheme://host[:port]";
		}
		String authority = shape.group(2);
		if (authority.contains("@")) {
			return "must not have user info";
		}
		if (authority.contains("*")) {
			return "must not contain a wildcard: list each site";
		}
		Matcher hostAndPort = HOST_AND_PORT.matcher(authority.toLowerCase(Locale.ROOT));
		if (!hostAndPort.matches()) {
			return "must be scheme://host[:port], e.g. https://shop.example.com";
		}
		String host = hostAndPort.group(1);
		if (!HOST_NAME.matcher(host).matches() && !IPV6.matcher(host).matches()) {
			return "must have a host name of letters, digits, hyphens and dots (internationalized names in punycode)";
		}
		String port = hostAndPort.group(2);
		if (port != null && (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
			return "must have a port between 1 and 65535";
		}
		return null;
	}

	/** Whether a browser's {@code Origin} header names this origin. */
	public boolean matches(String header) {
		return fromHeader(header).map(this::equals).orElse(false);
	}

	private static String normalize(String text) {
		Matcher shape = SHAPE.matcher(text);
		shape.matches();
		String scheme = shape.group(1).toLowerCase(Locale.ROOT);
		Matcher hostAndPort = HOST_AND_PORT.matcher(shape.group(2).toLowerCase(Locale.ROOT));
		hostAndPort.matches();
		String port = hostAndPort.group(2);
		boolean defaultPort = port != null && Integer.parseInt(port) == (scheme.equals("https") ? 443 : 80);
		return scheme + "://" + hostAndPort.group(1)
				+ (port == null || defaultPort ? "" : ":" + Integer.parseInt(port));
	}

	@Override
	public String toString() {
		return value;
	}
}
