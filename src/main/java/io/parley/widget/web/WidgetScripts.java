package io.parley.widget.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * the version in the chat window's links) and a gzipped copy, so that the budgets are what browsers really get.
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

	private final Map<String, File> files = Map.of(
			"loader.js", read("loader.js", JAVASCRIPT),
			"window.js", read("window.js", JAVASCRIPT),
			"window.css", read("window.css", CSS));

	File get(String name) {
		return files.get(name);
	}

	private static File read(String name, MediaType type) {
		try (InputStream in = new ClassPathResource("static/widget/" + name).getInputStream()) {
			byte[] bytes = in.readAllBytes();
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
