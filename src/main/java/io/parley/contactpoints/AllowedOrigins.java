package io.parley.contactpoints;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The one origin policy: which web pages may use a point of contact, decided on the browser's {@code Origin} header
 * as {@link Origin#matches(String)} reads it (case, default port). No origins: any page. Everything that checks an
 * origin for a point of contact asks this (the widget's CORS filter and fast path, the chat's WebSocket handshake).
 */
public final class AllowedOrigins {

	private static final AllowedOrigins ANY = new AllowedOrigins(new TreeSet<>());

	private final SortedSet<String> values;

	private AllowedOrigins(SortedSet<String> values) {
		this.values = Collections.unmodifiableSortedSet(values);
	}

	public static AllowedOrigins of(Collection<Origin> origins) {
		if (origins.isEmpty()) {
			return ANY;
		}
		TreeSet<String> values = new TreeSet<>();
		origins.forEach(origin -> values.add(origin.value()));
		return new AllowedOrigins(values);
	}

	/** Whether a page whose browser sent this {@code Origin} header may use the point of contact. */
	public boolean allows(String originHeader) {
		if (values.isEmpty()) {
			return true;
		}
		if (originHeader == null) {
			return false;
		}
		if (values.contains(originHeader)) {
			// browsers write the origin as it is kept: no parsing on the widget's hot path
			return true;
		}
		return Origin.fromHeader(originHeader).map(origin -> values.contains(origin.value())).orElse(false);
	}

	/** No list: any page may. */
	public boolean isEmpty() {
		return values.isEmpty();
	}

	/** The origins as kept ({@code scheme://host[:port]}), sorted, e.g. for a CSP {@code frame-ancestors}. */
	public SortedSet<String> values() {
		return values;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AllowedOrigins that && values.equals(that.values);
	}

	@Override
	public int hashCode() {
		return values.hashCode();
	}

	@Override
	public String toString() {
		return values.isEmpty() ? "any origin" : values.toString();
	}
}
