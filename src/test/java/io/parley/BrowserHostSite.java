package io.parley;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/**
 * A business's web site for browser tests: a tiny HTTP server on {@code 127.0.0.1}, another origin than Parley's
 * {@code localhost}, serving the pages a test puts on it (e.g. one with the widget's script tag).
 */
public final class BrowserHostSite implements AutoCloseable {

	private final HttpServer server;
	private final Map<String, String> pages = new ConcurrentHashMap<>();

	public BrowserHostSite() {
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.createContext("/", exchange -> {
			String page = pages.get(exchange.getRequestURI().getPath());
			byte[] body = (page == null ? "<!DOCTYPE html><title>Not found</title><h1>Not found</h1>" : page)
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
	}

	/** This site's origin, as browsers send it: {@code http://127.0.0.1:<port>}. */
	public String origin() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Serves {@code html} at {@code path} and answers its URL. */
	public String page(String path, String html) {
		pages.put(path, html);
		return origin() + path;
	}

	/**
	 * A page of the shop with Parley's snippet for {@code pointOfContactId} and a link to another page of the shop
	 * (the same path with {@code ?page=2}); {@code tall} makes it long enough to scroll.
	 */
	public String shopPage(String path, String parleyBase, String pointOfContactId, boolean tall) {
		String filler = tall ? "<div style=\"height:4000px;background:linear-gradient(#fafafa,#dfe6ee)\">"
				+ "<p style=\"padding:0 2rem\">Scroll down for more products.</p></div>" : "";
		return page(path, """
				<!DOCTYPE html>
				<html lang="en">
				<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
				<title>Example Shop</title>
				<style>
				  body { margin: 0; font: 16px/1.5 Georgia, serif; color: #222; }
				  header { padding: 1rem 2rem; background: #2d3436; color: #fff; }
				  main { padding: 1rem 2rem; }
				  .products { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1rem; }
				  .products div { height: 140px; background: #eef1f4; border-radius: 8px; padding: 1rem; }
				  button { font-family: "Comic Sans MS"; color: red; }
				</style></head>
				<body>
				<header><strong>Example Shop</strong> &middot; <a id="next" href="%s" style="color:#fff">another page</a></header>
				<main><h1>Spring sale</h1>
				<div class="products"><div>Teapot</div><div>Kettle</div><div>Mugs</div></div>
				%s</main>
				<script src="%s/widget/loader.js" data-poc="%s" async></script>
				</body></html>
				""".formatted(path + "?page=2", filler, parleyBase, pointOfContactId));
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
