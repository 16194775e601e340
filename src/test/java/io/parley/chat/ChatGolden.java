package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.parley.HttpApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Golden JSON of the chat API: what clients got from the build before chat events became typed records, kept in
 * {@code src/test/resources/golden/chat/} and compared as trees (key order does not matter, everything else does).
 * Volatile values are replaced before comparing and recording, each only where its format holds, so a changed format
 * still fails: a UUID string by {@code "<uuid>"}, an ISO-8601 instant string by {@code "<instant>"}, the chat's
 * {@code token} by {@code "<token>"}, a feed {@code cursor} (a string of digits) by {@code "<cursor>"} and a number of
 * {@code estimatedWaitSeconds} by {@code "<seconds>"}; nulls stay null. Run with {@code -Dgolden.record=true} to
 * write the files anew from the running build (only ever from a build whose wire format is the reference).
 */
final class ChatGolden {

	private static final Path DIRECTORY = Path.of("src/test/resources/golden/chat");
	private static final Pattern UUID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
	private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
	private static final Pattern DIGITS = Pattern.compile("\\d{1,19}");

	private ChatGolden() {
	}

	/** Compares {@code live} (a JSON tree, or a list or map of them) to the golden file {@code name}.json. */
	static void check(String name, Object live) {
		JsonNode actual = normalized(HttpApi.JSON.valueToTree(live));
		Path file = DIRECTORY.resolve(name + ".json");
		try {
			if (Boolean.getBoolean("golden.record")) {
				Files.createDirectories(DIRECTORY);
				Files.writeString(file, HttpApi.JSON.writer()
					.with(SerializationFeature.INDENT_OUTPUT)
					.writeValueAsString(actual) + "\n");
				return;
			}
			JsonNode golden = HttpApi.JSON.readTree(Files.readString(file));
			assertThat(actual).as("live JSON of %s against %s", name, file).isEqualTo(golden);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A list of frames or events as one JSON array. */
	static ArrayNode array(List<JsonNode> nodes) {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		nodes.forEach(array::add);
		return array;
	}

	static JsonNode normalized(JsonNode node) {
		return normalized(null, node);
	}

	private static JsonNode normalized(String key, JsonNode node) {
		if (node.isObject()) {
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				copy.set(field.getKey(), normalized(field.getKey(), field.getValue()));
			}
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = JsonNodeFactory.instance.arrayNode();
			node.forEach(element -> copy.add(normalized(null, element)));
			return copy;
		}
		if ("estimatedWaitSeconds".equals(key) && node.isIntegralNumber()) {
			return JsonNodeFactory.instance.stringNode("<seconds>");
		}
		if (!node.isString()) {
			return node;
		}
		String text = node.asString();
		if ("token".equals(key) && !text.isEmpty()) {
			return JsonNodeFactory.instance.stringNode("<token>");
		}
		if ("cursor".equals(key) && DIGITS.matcher(text).matches()) {
			return JsonNodeFactory.instance.stringNode("<cursor>");
		}
		if (UUID.matcher(text).matches()) {
			return JsonNodeFactory.instance.stringNode("<uuid>");
		}
		if (INSTANT.matcher(text).matches()) {
			return JsonNodeFactory.instance.stringNode("<instant>");
		}
		return node;
	}
}
