package io.parley.console;

import java.util.Locale;

/**
 * WCAG 2 contrast between two {@code #RRGGBB} colours. The editor warns below the AA level for normal text (4.5:1);
 * it does not refuse: a business may have reasons, and the profile module decides what is valid.
 */
record Contrast(double ratio) {

	static final double AA_NORMAL_TEXT = 4.5;

	/** The contrast of two colours, or null when either is not {@code #RRGGBB}. */
	static Contrast of(String foreground, String background) {
		Double a = luminance(foreground);
		Double b = luminance(background);
		if (a == null || b == null) {
			return null;
		}
		return new Contrast((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
	}

	boolean passesAa() {
		return ratio >= AA_NORMAL_TEXT;
	}

	/** The ratio as people write it, rounded down so that 4.49 never shows as a passing 4.5: "3.2:1". */
	String text() {
		return String.format(Locale.ROOT, "%.1f:1", Math.floor(ratio * 10) / 10);
	}

	private static Double luminance(String hex) {
		if (hex == null || !hex.matches("#[0-9A-Fa-f]{6}")) {
			return null;
		}
		int rgb = Integer.parseInt(hex.substring(1), 16);
		return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
	}

	private static double channel(int value) {
		double c = (value & 0xFF) / 255.0;
		return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}
}
