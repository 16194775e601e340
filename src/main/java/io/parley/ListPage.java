package io.parley;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list as the API answers it: {@code {"items": [...], "nextCursor": "…" | null}}. Cursors are opaque
 * to clients: the keyset position of the last item, base64url-encoded.
 */
public record ListPage<T>(List<T> items, String nextCursor) {

	public static final int DEFAULT_LIMIT = 50;
	public static final int MAX_LIMIT = 500;

	/** The limit a client asked for, checked: 1..500, 50 when absent. */
	public static int limit(Integer requested) {
		if (requested == null) {
			return DEFAULT_LIMIT;
		}
		if (requested < 1 || requested > MAX_LIMIT) {
			throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
		}
		return requested;
	}

	/**
	 * A page from {@code limit + 1} fetched rows: the extra row only tells that there is a next page, whose cursor is
	 * the key of the last row shown.
	 */
	public static <T> ListPage<T> of(List<T> fetched, int limit, Function<T, String> key) {
		if (fetched.size() <= limit) {
			return new ListPage<>(fetched, null);
		}
		List<T> items = fetched.subList(0, limit);
		return new ListPage<>(List.copyOf(items), encodeCursor(key.apply(items.get(limit - 1))));
	}

	public <R> ListPage<R> map(Function<T, R> mapper) {
		return new ListPage<>(items.stream().map(mapper).toList(), nextCursor);
	}

	public static String encodeCursor(String key) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
	}

	/** The key inside a cursor, or null for none; a cursor that was not made here is a 400. */
	public static String decodeCursor(String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		try {
			if (cursor.length() > 1000) {
				throw new IllegalArgumentException();
			}
			return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("cursor", "is not a cursor this API handed out");
		}
	}
}
