package io.parley;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The project's corpus of hostile and awkward inputs ({@code src/test/resources/hostile-inputs.json}), for tests
 * that prove every text field stores them unchanged and nothing answers them with a 500.
 */
public final class HostileInputs {

	private static final JsonNode CORPUS;

	static {
		try (InputStream in = HostileInputs.class.getResourceAsStream("/hostile-inputs.json")) {
			CORPUS = HttpApi.JSON.readTree(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private HostileInputs() {
	}

	/** Markup, script and template text: must come back byte for byte. */
	public static List<String> markup() {
		return strings("markup");
	}

	/** Awkward Unicode; entries with NUL are left out (PostgreSQL cannot store U+0000, so it is refused with 400). */
	public static List<String> unicode() {
		return strings("unicode").stream().filter(s -> s.indexOf('\u0000') < 0).toList();
	}

	/** Texts that must be stored unchanged wherever a text of their length is allowed. */
	public static List<String> storableTexts() {
		List<String> all = new ArrayList<>(markup());
		all.addAll(unicode());
		return all;
	}

	/** Texts that contain NUL, which every text field refuses with 400. */
	public static List<String> withNul() {
		return strings("unicode").stream().filter(s -> s.indexOf('\u0000') >= 0).toList();
	}

	public static List<String> colours() {
		return strings("colours");
	}

	public static List<String> origins() {
		return strings("origins");
	}

	/** Values of wrong JSON types (null, booleans, numbers, arrays, objects). */
	public static List<JsonNode> wrongTypes() {
		List<JsonNode> values = new ArrayList<>();
		CORPUS.get("wrong_types").forEach(values::add);
		return values;
	}

	public static String upload(String name) {
		return CORPUS.at("/uploads/" + name).asString();
	}

	/** A string of {@code length} characters. */
	public static String ofLength(int length) {
		return "x".repeat(length);
	}

	private static List<String> strings(String key) {
		List<String> values = new ArrayList<>();
		CORPUS.get(key).forEach(node -> values.add(node.asString()));
		return values;
	}
}
