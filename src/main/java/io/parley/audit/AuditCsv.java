package io.parley.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.util.List;

/**
 * Writes audit rows as CSV, one line per changed field. Values are user-controlled text that a spreadsheet could take
 * for a formula: any value starting with {@code = + - @}, a tab or a carriage return gets a leading apostrophe
 * (OWASP's guard against CSV injection), so it shows as text. The API's export and the console's use it.
 */
public final class AuditCsv implements AutoCloseable {

	static final String[] HEADER = { "occurredAt", "actor", "action", "entityType", "entityName", "field", "oldValue",
			"newValue" };

	private final CSVPrinter printer;

	public AuditCsv(Writer out) throws IOException {
		this.printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
	}

	/** Writes every change of {@code event} (one line with an empty field when it has none). */
	public void write(AuditEvent event) {
		write(event, event.changes());
	}

	/** Writes the given changes of {@code event}, e.g. only those of a filtered field. */
	public void write(AuditEvent event, List<FieldChange> changes) {
		try {
			if (changes.isEmpty()) {
				line(event, new FieldChange("", null, null));
			}
			for (FieldChange change : changes) {
				line(event, change);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void line(AuditEvent event, FieldChange change) throws IOException {
		printer.printRecord(event.occurredAt().toString(), safe(event.actor()), event.action().name(),
				event.entityType().name(), safe(event.entityName()), safe(change.field()), safe(change.oldValue()),
				safe(change.newValue()));
	}

	public static String safe(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		char first = value.charAt(0);
		if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
			return "'" + value;
		}
		return value;
	}

	@Override
	public void close() throws IOException {
		printer.close(true);
	}
}
