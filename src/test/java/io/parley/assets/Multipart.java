package io.parley.assets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A multipart/form-data body built by hand, so that tests control every header of the part. */
public final class Multipart {

	public static final String BOUNDARY = "parley-test-boundary-7d1f3a";
	public static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

	private Multipart() {
	}

	/** One part named {@code name}; a null file name or content type leaves that header out. */
	public static byte[] body(String name, String filename, String contentType, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		StringBuilder head = new StringBuilder("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"");
		if (filename != null) {
			head.append("; filename=\"").append(filename).append('"');
		}
		head.append("\r\n");
		if (contentType != null) {
			head.append("Content-Type: ").append(contentType).append("\r\n");
		}
		head.append("\r\n");
		out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
		out.writeBytes(content);
		out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	/** The usual upload: a part {@code file} with a name and a declared type. */
	public static byte[] file(String filename, String contentType, byte[] content) {
		return body("file", filename, contentType, content);
	}
}
