package io.parley.widget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The widget's script and style files, read once from {@code static/widget/}, each with a content hash (its ETag and
 * the version in the chat window's links) and a gzipped copy, so that the budgets are what browsers really get. The
 * chat window's script imports the event module it shares with the agent console ({@code events.js}); that import
 * is given the module's version here, so that both are cached for good and a new module makes a new window script.
 */
@Component
class WidgetScripts {

	/** One file as served. */
	record File(String name, MediaType type, byte[] bytes, byte[] gzipped, String hash) {

		String etag() {
			return "\"" + hash + "\"";
		}

		String gzipEtag() {
			return "\"" + hash + "-gz\"";
		}
	}

	static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");
	static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");

	static final String EVENTS_IMPORT = "'./events.js'";

	private final File events = read("events.js", JAVASCRIPT, null, null);
	private final Map<String, File> files = Map.of(
			"loader.js", read("loader.js", JAVASCRIPT, null, null),
			"events.js", events,
			"window.js", read("window.js", JAVASCRIPT, EVENTS_IMPORT, "'./events.js?v=" + events.hash() + "'"),
			"window.css", read("window.css", CSS, null, null));

	File get(String name) {
		return files.get(name);
	}

	/** Reads a file, with {@code from} (when given) replaced by {@code to}: it must be there. */
	private static File read(String name, MediaType type, String from, String to) {
		try (InputStream in = new ClassPathResource("static/widget/" + name).getInputStream()) {
			byte[] bytes = in.readAllBytes();
			if (from != null) {
				String text = new String(bytes, StandardCharsets.UTF_8);
				if (!text.contains(from)) {
					throw new IllegalStateException("The widget file " + name + " no longer contains " + from);
				}
				bytes = text.replace(from, to).getBytes(StandardCharsets.UTF_8);
			}
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
			return new File(name, type, bytes, gzip(bytes), HexFormat.of().formatHex(digest, 0, 10));
		}
		catch (IOException e) {
			throw new UncheckedIOException("The widget file " + name + " is missing from the build", e);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream zip = new GZIPOutputStream(out) {
			{
				def.setLevel(9);
			}
		}) {
			zip.write(bytes);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}
}
