package io.parley.profiles;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * The profile module's own JSON: the stored settings document and the audit history's field paths, both derived
 * from the records that declare the settings ({@link ChatProfileDraft} and the values it becomes).
 */
final class ProfileJson {

	/** Reads what it wrote, and what an older build wrote: a setting it does not know any more is skipped. */
	static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private ProfileJson() {
	}

	/**
	 * Every setting of {@code value} by its dotted path ({@code appearance.primaryColor},
	 * {@code preChatForm.fields[1].label}) with its value as text, shaped by the record {@code shape}: booleans are
	 * {@code true}/{@code false}, a list of texts is a JSON array (null when empty), an absent section has each of its
	 * values null.
	 */
	static SortedMap<String, String> fields(Object value, Class<? extends Record> shape) {
		SortedMap<String, String> fields = new TreeMap<>();
		flatten(fields, "", MAPPER.valueToTree(value), shape);
		return fields;
	}

	private static void flatten(SortedMap<String, String> fields, String prefix, JsonNode node, Class<?> shape) {
		for (RecordComponent component : shape.getRecordComponents()) {
			String path = prefix + component.getName();
			JsonNode child = node.path(component.getName());
			Class<?> type = component.getType();
			if (type.isRecord()) {
				flatten(fields, path + ".", child.isObject() ? child : NullNode.getInstance(), type);
			}
			else if (List.class.isAssignableFrom(type)) {
				Class<?> element = elementOf(component.getGenericType());
				if (element.isRecord()) {
					for (int i = 0; i < child.size(); i++) {
						flatten(fields, path + "[" + i + "].", child.get(i), element);
					}
				}
				else {
					fields.put(path, child.isArray() && !child.isEmpty() ? MAPPER.writeValueAsString(child) : null);
				}
			}
			else {
				fields.put(path, child.isMissingNode() || child.isNull() ? null : child.asString());
			}
		}
	}

	private static Class<?> elementOf(Type list) {
		Type element = ((ParameterizedType) list).getActualTypeArguments()[0];
		return element instanceof Class<?> c ? c : Object.class;
	}
}
