package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Compares live JSON answers with golden files recorded from an earlier build ({@code src/test/resources/golden/}),
 * as trees (the order of an object's fields does not count, that of arrays does). Values that differ from run to run
 * are replaced on both sides before comparing, so the golden files hold placeholders for them: every UUID becomes
 * {@code <uuid>}, every ISO-8601 instant {@code <instant>}, an API token's secret {@code <token>}, a wait ("3 seconds"
 * in a text, {@code retryAfterSeconds}) {@code <seconds>}, and any of the test's own {@code volatiles} (e.g. a random
 * suffix of a name) its placeholder.
 * With the environment variable {@code GOLDEN_RECORD=1} the live answer is written as the golden file instead.
 */
public final class Golden {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
	private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
	private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
	private static final Pattern TOKEN = Pattern.compile("pat_[A-Za-z0-9_-]+");
	private static final Pattern SECONDS = Pattern.compile("\\b\\d+ seconds?\\b");

	private Golden() {
	}

	/** Asserts that {@code actual} equals the golden file {@code name} (e.g. "api/user-created.json"). */
	public static void assertMatches(String name, JsonNode actual, Map<String, String> volatiles) {
		JsonNode live = normalised(actual.deepCopy(), volatiles);
		if ("1".equals(System.getenv("GOLDEN_RECORD"))) {
			record(name, live);
			return;
		}
		try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
			assertThat(in).as("golden file %s (record it with GOLDEN_RECORD=1)", name).isNotNull();
			JsonNode golden = JSON.readTree(in);
			assertThat(live).as("%s, live:%n%s", name, JSON.writeValueAsString(live)).isEqualTo(golden);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static void assertMatches(String name, JsonNode actual) {
		assertMatches(name, actual, Map.of());
	}

	private static void record(String name, JsonNode live) {
		try {
			Path file = Path.of("src/test/resources/golden").resolve(name);
			Files.createDirectories(file.getParent());
			Files.writeString(file, JSON.writeValueAsString(live) + "\n");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static JsonNode normalised(JsonNode node, Map<String, String> volatiles) {
		if (node instanceof ObjectNode object) {
			for (String field : object.propertyNames().stream().toList()) {
				object.set(field, "retryAfterSeconds".equals(field) ? StringNode.valueOf("<seconds>")
						: normalised(object.get(field), volatiles));
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				array.set(i, normalised(array.get(i), volatiles));
			}
		}
		else if (node instanceof StringNode text) {
			String value = text.asString();
			for (Map.Entry<String, String> v : volatiles.entrySet()) {
				value = value.replace(v.getKey(), v.getValue());
			}
			value = UUID.matcher(value).replaceAll("<uuid>");
			value = INSTANT.matcher(value).replaceAll("<instant>");
			value = TOKEN.matcher(value).replaceAll("<token>");
			value = SECONDS.matcher(value).replaceAll("<seconds>");
			return StringNode.valueOf(value);
		}
		return node;
	}
}
