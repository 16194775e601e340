package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares a live JSON answer with the answer recorded from the build before a refactoring, under
 * {@code src/test/resources/golden/}. Volatile values are replaced before comparing, so that only the shape and the
 * settings are compared: every UUID (ids, asset ids, also inside image URLs) by {@code <uuid>}, the values of
 * {@code createdAt}/{@code updatedAt}/{@code occurredAt} by {@code <instant>}, {@code nextCursor} by {@code <cursor>} and
 * {@code http://localhost:<port>} by {@code <base>}. Objects compare as trees, so field order does not matter.
 * Run with {@code -Dgolden.record=true} to (re)write the files from the current build.
 */
public final class GoldenJson {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
	private static final Pattern UUID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
	private static final Pattern BASE = Pattern.compile("http://localhost:\\d+");
	private static final Pattern ADMIN = Pattern.compile("(?i)admin[- ][0-9a-f]{8}");

	private GoldenJson() {
	}

	/** Asserts that {@code actual} equals the golden file {@code name} (e.g. {@code profiles/v1.json}). */
	public static void assertMatches(String name, String actual) {
		JsonNode live = normalised(JSON.readTree(actual));
		Path file = Path.of("src/test/resources/golden", name);
		try {
			if (Boolean.getBoolean("golden.record")) {
				Files.createDirectories(file.getParent());
				Files.writeString(file, JSON.writeValueAsString(live) + "\n", StandardCharsets.UTF_8);
			}
			JsonNode golden = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
			assertThat(live).as("%s, live answer:%n%s", name, JSON.writeValueAsString(live)).isEqualTo(golden);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static JsonNode normalised(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (String name : object.propertyNames().stream().toList()) {
				JsonNode value = object.get(name);
				if ((name.equals("createdAt") || name.equals("updatedAt") || name.equals("occurredAt")) && value.isString()) {
					object.put(name, "<instant>");
				}
				else if (name.equals("nextCursor") && value.isString()) {
					object.put(name, "<cursor>");
				}
				else {
					object.set(name, normalised(value));
				}
			}
			return object;
		}
		if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				array.set(i, normalised(array.get(i)));
			}
			return array;
		}
		if (node.isString()) {
			String text = UUID.matcher(node.asString()).replaceAll("<uuid>");
			text = ADMIN.matcher(BASE.matcher(text).replaceAll("<base>")).replaceAll("<admin>");
			return JSON.getNodeFactory().stringNode(text);
		}
		return node;
	}
}
