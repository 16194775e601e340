package io.parley.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Instants as console pages show them: in UTC and saying so, inside {@code <time datetime>} so the page's script can
 * show them in the reader's own time zone.
 */
final class Times {

	private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);
	private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

	public String text(Instant instant) {
		return instant == null ? "" : TEXT.format(instant);
	}

	public String iso(Instant instant) {
		return instant == null ? "" : instant.toString();
	}

	/** The UTC date of an instant as a date input takes it: 2026-11-25. */
	public String date(Instant instant) {
		return instant == null ? "" : DATE.format(instant);
	}
}
