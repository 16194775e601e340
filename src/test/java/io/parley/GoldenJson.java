package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Compares a live JSON answer with a golden file under {@code src/test/resources/golden/}, as trees (field order
 * does not count). Volatile values are replaced before comparing, in both: every UUID by {@code "<uuid>"}, every
 * ISO instant by {@code "<instant>"}, a non-null {@code nextCursor} by {@code "<cursor>"} (it holds ids), and the
 * given texts (names made unique per run) by their placeholders. Run with {@code -Dgolden.record=true} to (re)write
 * the files from the current build: only ever on a build whose answers are known right.
 */
public final class GoldenJson {

	private static final Pattern UUID = Pattern.compile(
			"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
	private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

	private GoldenJson() {
	}

	/** Asserts that {@code answer}, made stable, equals the golden file {@code name} (a path under golden/). */
	public static void assertMatches(String name, JsonNode answer, Map<String, String> placeholders) {
		JsonNode stable = stable(answer, placeholders);
		Path file = Path.of("src/test/resources/golden", name);
		try {
			if (Boolean.getBoolean("golden.record")) {
				Files.createDirectories(file.getParent());
				Files.writeString(file, HttpApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(stable) + "\n");
			}
			assertThat(Files.exists(file)).as("golden file " + file + " (record it with -Dgolden.record=true)").isTrue();
			assertThat(stable).as(name).isEqualTo(HttpApi.JSON.readTree(Files.readString(file)));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static JsonNode stable(JsonNode node, Map<String, String> placeholders) {
		if (node.isObject()) {
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			node.properties().forEach(e -> copy.set(e.getKey(),
					e.getKey().equals("nextCursor") && !e.getValue().isNull() ? JsonNodeFactory.instance.stringNode("<cursor>")
							: stable(e.getValue(), placeholders)));
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = JsonNodeFactory.instance.arrayNode();
			node.forEach(item -> copy.add(stable(item, placeholders)));
			return copy;
		}
		if (node.isString()) {
			String text = node.asString();
			for (Map.Entry<String, String> e : placeholders.entrySet()) {
				text = text.replace(e.getKey(), e.getValue());
			}
			text = UUID.matcher(text).replaceAll("<uuid>");
			text = INSTANT.matcher(text).replaceAll("<instant>");
			return JsonNodeFactory.instance.stringNode(text);
		}
		return node;
	}
}
