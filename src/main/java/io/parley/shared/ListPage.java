package io.parley.shared;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list as the API answers it: {@code {"items": [...], "nextCursor": "…" | null}}. Cursors are opaque
 * to clients: the name of the list and the keyset position of the last item shown, base64url-encoded. Every list
 * reads its cursors here, so a cursor the list did not hand out (garbage, another list's, one changed by hand) is the
 * same 400 naming {@code cursor} everywhere, never a page read from a made-up position.
 */
public record ListPage<T>(List<T> items, String nextCursor) {

	public static final int DEFAULT_LIMIT = 50;
	public static final int MAX_LIMIT = 500;

	/** The most characters a list's search text has. */
	public static final int SEARCH_MAX = 200;

	/** Longer than any cursor a list makes (names are at most a few hundred characters). */
	private static final int CURSOR_MAX = 2000;

	/** Separates the list's name and the parts of a position: PostgreSQL text never holds it. */
	private static final char SEPARATOR = '\u0000';

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

	/** Refuses a search text no list reads (over 200 characters, or not text); none is fine. */
	public static void checkSearch(String q) {
		Violations violations = new Violations();
		violations.optionalText("q", q, SEARCH_MAX);
		violations.throwIfAny();
	}

	/**
	 * A page of {@code list} from {@code limit + 1} fetched rows: the extra row only tells that there is a next page,
	 * whose cursor holds the {@code position} of the last row shown.
	 */
	public static <T> ListPage<T> of(String list, List<T> fetched, int limit, Function<T, List<String>> position) {
		if (fetched.size() <= limit) {
			return new ListPage<>(fetched, null);
		}
		List<T> items = List.copyOf(fetched.subList(0, limit));
		return new ListPage<>(items, cursor(list, position.apply(items.get(limit - 1))));
	}

	public <R> ListPage<R> map(Function<T, R> mapper) {
		return new ListPage<>(items.stream().map(mapper).toList(), nextCursor);
	}

	/** The cursor of {@code list} at {@code position}. */
	public static String cursor(String list, List<String> position) {
		StringBuilder key = new StringBuilder(list);
		for (String part : position) {
			key.append(SEPARATOR).append(part);
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(key.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The position inside a cursor that {@link #of} made for {@code list}, in {@code parts} non-empty parts; null for
	 * no cursor. Anything else is {@link #notACursor()}: so is a position whose parts the list cannot read.
	 */
	public static List<String> position(String list, int parts, String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		if (cursor.length() > CURSOR_MAX || !cursor.chars().allMatch(ListPage::isBase64Url)) {
			throw notACursor();
		}
		byte[] bytes;
		String key;
		try {
			bytes = Base64.getUrlDecoder().decode(cursor);
			key = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (IllegalArgumentException | CharacterCodingException e) {
			throw notACursor();
		}
		// Base64 has several spellings of some byte strings; only the one this class writes was handed out.
		String[] split = key.split(String.valueOf(SEPARATOR), -1);
		if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(cursor) || split.length != parts + 1
				|| !split[0].equals(list) || Arrays.stream(split).anyMatch(String::isEmpty)) {
			throw notACursor();
		}
		return List.of(split).subList(1, split.length);
	}

	/** The answer to a cursor the list did not hand out: a 400 naming {@code cursor}. */
	public static InvalidInputException notACursor() {
		return new InvalidInputException("cursor", "is not a cursor this list handed out: start again from the first page");
	}

	private static boolean isBase64Url(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
	}
}
