package io.parley.shared;

/** Optimistic locking over HTTP: {@code ETag: "<version>"} out, {@code If-Match} in. */
public final class Versions {

	private Versions() {
	}

	public static String etag(int version) {
		return "\"" + version + "\"";
	}

	/**
	 * The version an {@code If-Match} header asks for: null when absent or {@code *} (the write is accepted), and
	 * {@code -1} for a value that can never match, so that it fails with 412 like any stale one.
	 */
	public static Integer ifMatch(String header) {
		if (header == null || header.isBlank() || header.trim().equals("*")) {
			return null;
		}
		String value = header.trim();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			value = value.substring(1, value.length() - 1);
		}
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException e) {
			return -1;
		}
	}
}
