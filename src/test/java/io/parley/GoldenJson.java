package io.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares a live JSON answer with the answer recorded from the build before a refactoring, under
 * {@code src/test/resources/golden/}. Objects compare as trees, so field order does not matter. Volatile values are
 * replaced on both sides before comparing, so that only the shape and the settings are compared: every UUID (ids,
 * asset ids, also inside image URLs) by {@code <uuid>}, every ISO instant by {@code <instant>}, an API token's secret
 * and a chat's non-empty {@code token} by {@code <token>}, a wait ("3 seconds" in a text, {@code retryAfterSeconds},
 * a number of {@code estimatedWaitSeconds}) by {@code <seconds>}, a non-null {@code nextCursor} (it holds ids) and a
 * feed's {@code cursor} (digits) by {@code <cursor>}, {@code http://localhost:<port>} by {@code <base>}, a test
 * tenant's admin name by {@code <admin>}, and the given texts (names made unique per run) by their placeholders. Run
 * with {@code -Dgolden.record=true} (or the environment variable {@code GOLDEN_RECORD=1}) to (re)write the files from
 * the current build: only ever on a build whose answers are known right.
 */
public final class GoldenJson {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
	private static final Pattern UUID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
	private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
	private static final Pattern TOKEN = Pattern.compile("pat_[A-Za-z0-9_-]+");
	private static final Pattern SECONDS = Pattern.compile("\\b\\d+ seconds?\\b");
	private static final Pattern BASE = Pattern.compile("http://localhost:\\d+");
	private static final Pattern ADMIN = Pattern.compile("(?i)admin[- ][0-9a-f]{8}");
	private static final Pattern DIGITS = Pattern.compile("\\d{1,19}");

	private GoldenJson() {
	}

	/** Asserts that {@code actual} equals the golden file {@code name} (e.g. {@code profiles/v1.json}). */
	public static void assertMatches(String name, String actual) {
		assertMatches(name, JSON.readTree(actual), Map.of());
	}

	/** Asserts that {@code answer} equals the golden file {@code name}. */
	public static void assertMatches(String name, JsonNode answer) {
		assertMatches(name, answer, Map.of());
	}

	/** Asserts that {@code answer}, a list or map of JSON trees (as a test gathered them), equals the golden file. */
	public static void assertMatches(String name, Object answer) {
		assertMatches(name, JSON.valueToTree(answer), Map.of());
	}

	/** Asserts that {@code answer}, made stable with {@code placeholders} too, equals the golden file {@code name}. */
	public static void assertMatches(String name, JsonNode answer, Map<String, String> placeholders) {
		JsonNode live = normalised(answer.deepCopy(), placeholders);
		Path file = Path.of("src/test/resources/golden", name);
		try {
			if (Boolean.getBoolean("golden.record") || "1".equals(System.getenv("GOLDEN_RECORD"))) {
				Files.createDirectories(file.getParent());
				Files.writeString(file, JSON.writeValueAsString(live) + "\n", StandardCharsets.UTF_8);
			}
			assertThat(Files.exists(file)).as("golden file " + file + " (record it with -Dgolden.record=true)").isTrue();
			JsonNode golden = normalised(JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)), placeholders);
			assertThat(live).as("%s, live answer:%n%s", name, JSON.writeValueAsString(live)).isEqualTo(golden);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static JsonNode normalised(JsonNode node, Map<String, String> placeholders) {
		if (node instanceof ObjectNode object) {
			for (String name : object.propertyNames().stream().toList()) {
				JsonNode value = object.get(name);
				if (name.equals("nextCursor") && value.isString()
						|| name.equals("cursor") && value.isString() && DIGITS.matcher(value.asString()).matches()) {
					object.put(name, "<cursor>");
				}
				else if (name.equals("retryAfterSeconds")
						|| name.equals("estimatedWaitSeconds") && value.isIntegralNumber()) {
					object.put(name, "<seconds>");
				}
				else if (name.equals("token") && value.isString() && !value.asString().isEmpty()) {
					object.put(name, "<token>");
				}
				else {
					object.set(name, normalised(value, placeholders));
				}
			}
			return object;
		}
		if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				array.set(i, normalised(array.get(i), placeholders));
			}
			return array;
		}
		if (node.isString()) {
			String text = node.asString();
			for (Map.Entry<String, String> e : placeholders.entrySet()) {
				text = text.replace(e.getKey(), e.getValue());
			}
			text = UUID.matcher(text).replaceAll("<uuid>");
			text = INSTANT.matcher(text).replaceAll("<instant>");
			text = TOKEN.matcher(text).replaceAll("<token>");
			text = SECONDS.matcher(text).replaceAll("<seconds>");
			text = ADMIN.matcher(BASE.matcher(text).replaceAll("<base>")).replaceAll("<admin>");
			return JSON.getNodeFactory().stringNode(text);
		}
		return node;
	}
}
