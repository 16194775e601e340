package io.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat load against a running Parley: N customer chats and M agents, each on its WebSocket, messages both ways
 * through the HTTP POST endpoints at a fixed total rate (open loop: a slow server does not slow the sender), latency
 * from send to receipt on the other side's socket. {@code sent} counts the POSTs answered 201; {@code lost} those of
 * them never received.
 * Prints one JSON line. Run by {@code bench/chat-load}, which starts Parley; see docs/PERFORMANCE.md.
 */
public final class ChatLoadBenchmark {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final String MARK = "bench ";

	private final String base;
	private final String wsBase;
	private final String adminAuth;
	private final int chats;
	private final int agents;
	private final int rate;
	private final int seconds;
	private final String parleyPid;
	private final String run = Long.toString(System.currentTimeMillis(), 36);

	// Several clients, so that one selector thread does not carry every socket.
	private final HttpClient[] clients = new HttpClient[4];
	private final ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();

	private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
	private final Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
	private final Map<String, Boolean> answered = new ConcurrentHashMap<>();
	private final Latencies toAgent = new Latencies();
	private final Latencies toCustomer = new Latencies();
	private final Latencies postAnswer = new Latencies();
	private final LongAdder sendFailures = new LongAdder();
	private final LongAdder socketsClosed = new LongAdder();
	private final Map<String, AgentClient> chatAgent = new ConcurrentHashMap<>();
	private final Map<String, Boolean> active = new ConcurrentHashMap<>();

	private ChatLoadBenchmark(Map<String, String> args) {
		this.base = args.get("base-url");
		this.wsBase = base.replaceFirst("^http", "ws");
		this.adminAuth = basic("admin", args.get("admin-password"));
		this.chats = Integer.parseInt(args.getOrDefault("chats", "100"));
		this.agents = Integer.parseInt(args.getOrDefault("agents", Integer.toString((chats + 49) / 50)));
		this.rate = Integer.parseInt(args.getOrDefault("rate", "1000"));
		this.seconds = Integer.parseInt(args.getOrDefault("seconds", "30"));
		this.parleyPid = args.get("parley-pid");
		for (int i = 0; i < clients.length; i++) {
			clients[i] = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(10))
				.executor(virtual)
				.build();
		}
	}

	public static void main(String[] argv) throws Exception {
		Map<String, String> args = new LinkedHashMap<>();
		for (int i = 0; i + 1 < argv.length; i += 2) {
			args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
		}
		new ChatLoadBenchmark(args).run();
		System.exit(0);
	}

	private void run() throws Exception {
		long t0 = System.nanoTime();
		String skill = "bench-" + run;
		String poc = post("/api/v1/points-of-contact", adminAuth, Map.of("name", "Bench " + run, "skill", skill,
				"active", true, "allowedOrigins", List.of())).at("/id").asString();
		List<AgentClient> agentClients = parallel(agents, 8, i -> agent(i, skill));
		log("%d agents available and connected in %.1f s", agents, secondsSince(t0));

		long t1 = System.nanoTime();
		List<CustomerClient> customers = parallel(chats, 32, i -> customer(poc, i));
		log("%d chats started and their sockets open in %.1f s", chats, secondsSince(t1));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(60, chats / 50));
		while ((active.size() < chats || chatAgent.size() < chats) && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		List<CustomerClient> ready = customers.stream()
			.filter(c -> active.containsKey(c.chatId) && chatAgent.containsKey(c.chatId))
			.toList();
		log("%d of %d chats ACTIVE %.1f s after the start", ready.size(), chats, secondsSince(t1));
		if (ready.isEmpty()) {
			throw new IllegalStateException("no chat became active");
		}

		long total = (long) rate * seconds;
		AtomicLong inFlight = new AtomicLong();
		long start = System.nanoTime();
		for (long i = 0; i < total; i++) {
			long due = start + i * 1_000_000_000L / rate;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			CustomerClient customer = ready.get(ThreadLocalRandom.current().nextInt(ready.size()));
			boolean fromCustomer = (i & 1) == 0;
			String id = (fromCustomer ? "c" : "a") + i;
			inFlight.incrementAndGet();
			virtual.execute(() -> {
				try {
					send(customer, fromCustomer, id);
				}
				finally {
					inFlight.decrementAndGet();
				}
			});
		}
		double sendSeconds = secondsSince(start);
		long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while ((inFlight.get() > 0 || receipts.size() < sentAt.size()) && System.nanoTime() < drain) {
			Thread.sleep(100);
		}

		long sent = answered.size();
		long received = receipts.size();
		long duplicated = receipts.values().stream().mapToLong(n -> Math.max(0, n.get() - 1)).sum();
		long lost = answered.keySet().stream().filter(id -> !receipts.containsKey(id)).count();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("chats", chats);
		out.put("chats_active", ready.size());
		out.put("agents", agents);
		out.put("rate_target", rate);
		out.put("rate_offered", Math.round(total / sendSeconds));
		out.put("seconds", seconds);
		out.put("attempted", total);
		out.put("sent", sent);
		out.put("send_failures", sendFailures.sum());
		out.put("unanswered_at_end", total - sent - sendFailures.sum());
		out.put("received", received);
		out.put("lost", lost);
		out.put("duplicated", duplicated);
		out.put("customer_to_agent_ms", toAgent.summary());
		out.put("agent_to_customer_ms", toCustomer.summary());
		out.put("post_answer_ms", postAnswer.summary());
		out.put("sockets_closed_by_server", socketsClosed.sum());
		out.put("parley_live_heap_mb", liveHeapMegabytes());
		System.out.println(JSON.writeValueAsString(out));
	}

	private void send(CustomerClient customer, boolean fromCustomer, String id) {
		String path;
		String auth;
		if (fromCustomer) {
			path = "/widget/v1/chats/" + customer.chatId + "/messages";
			auth = "Bearer " + customer.token;
		}
		else {
			path = "/api/v1/agent/chats/" + customer.chatId + "/messages";
			auth = "Bearer " + chatAgent.get(customer.chatId).token;
		}
		String body = "{\"clientMessageId\":\"" + run + "-" + id + "\",\"text\":\"" + MARK + id + "\"}";
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", auth)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		// The clock starts before the request leaves, as a client's would; the id is registered first so that a
		// receipt faster than the answer to the POST is matched.
		long sent = System.nanoTime();
		sentAt.put(id, sent);
		try {
			HttpResponse<String> response = client(id.hashCode()).send(request, HttpResponse.BodyHandlers.ofString());
			postAnswer.add(System.nanoTime() - sent);
			if (response.statusCode() == 201) {
				answered.put(id, true);
			}
			else {
				sentAt.remove(id);
				sendFailures.increment();
			}
		}
		catch (Exception e) {
			sentAt.remove(id);
			sendFailures.increment();
		}
	}

	/** Called by a socket for each message frame: counts the receipt when it comes from the other side. */
	private void received(String frame, char fromSide, long now) {
		int at = frame.indexOf(MARK);
		if (at < 0 || frame.indexOf("\"type\":\"MESSAGE\"") < 0) {
			return;
		}
		int end = frame.indexOf('"', at);
		String id = frame.substring(at + MARK.length(), end);
		if (id.isEmpty() || id.charAt(0) != fromSide) {
			return;
		}
		int count = receipts.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
		Long sent = sentAt.get(id);
		if (count == 1 && sent != null) {
			(fromSide == 'c' ? toAgent : toCustomer).add(now - sent);
		}
	}

	private AgentClient agent(int i, String skill) throws Exception {
		String username = "bench-" + run + "-" + i;
		String password = "bench-password-" + run;
		post("/api/v1/users", adminAuth, Map.of("username", username, "displayName", "Bench Agent " + i, "password",
				password, "roles", List.of("AGENT"), "skills", List.of(skill), "maxConcurrentChats", 50));
		String token = post("/api/v1/api-tokens", basic(username, password), Map.of("name", "bench"))
			.at("/token").asString();
		AgentClient agent = new AgentClient(token);
		agent.socket = clients[i % clients.length].newWebSocketBuilder()
			.header("Authorization", "Bearer " + token)
			.connectTimeout(Duration.ofSeconds(30))
			.buildAsync(URI.create(wsBase + "/api/v1/agent/stream"), agent)
			.get(60, TimeUnit.SECONDS);
		send("PUT", "/api/v1/agent/status", "Bearer " + token, Map.of("status", "AVAILABLE"));
		return agent;
	}

	private CustomerClient customer(String poc, int i) throws Exception {
		JsonNode started = post("/widget/v1/points-of-contact/" + poc + "/chats", null, Map.of("preChat", Map.of()));
		CustomerClient customer = new CustomerClient(started.at("/chatId").asString(),
				started.at("/token").asString());
		customer.socket = clients[i % clients.length].newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(30))
			.buildAsync(URI.create(wsBase + "/widget/v1/chats/" + customer.chatId + "/stream?token=" + customer.token),
					customer)
			.get(60, TimeUnit.SECONDS);
		return customer;
	}

	/**
	 * Parley's live heap with every socket still open: a class histogram makes the JVM run a full collection first,
	 * so its total is what the chats hold, not garbage awaiting collection. Null without a pid or a jcmd.
	 */
	private Long liveHeapMegabytes() {
		if (parleyPid == null) {
			return null;
		}
		try {
			Process jcmd = new ProcessBuilder(System.getProperty("java.home") + "/bin/jcmd", parleyPid,
					"GC.class_histogram").redirectErrorStream(true).start();
			String total = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter(line -> line.startsWith("Total"))
				.findFirst()
				.orElse(null);
			jcmd.waitFor(60, TimeUnit.SECONDS);
			return total == null ? null : Long.parseLong(total.trim().split("\\s+")[2]) / (1024 * 1024);
		}
		catch (Exception e) {
			log("no class histogram: %s", e);
			return null;
		}
	}

	private HttpClient client(int hash) {
		return clients[Math.floorMod(hash, clients.length)];
	}

	private JsonNode post(String path, String auth, Object body) throws Exception {
		return send("POST", path, auth, body);
	}

	private JsonNode send(String method, String path, String auth, Object body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60))
			.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (auth != null) {
			request.header("Authorization", auth);
		}
		HttpResponse<String> response = clients[0].send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
		}
		return JSON.readTree(response.body());
	}

	private <T> List<T> parallel(int count, int concurrency, Task<T> task) throws Exception {
		Semaphore permits = new Semaphore(concurrency);
		List<CompletableFuture<T>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int index = i;
			permits.acquire();
			futures.add(CompletableFuture.supplyAsync(() -> {
				try {
					return task.run(index);
				}
				catch (Exception e) {
					throw new IllegalStateException(e);
				}
				finally {
					permits.release();
				}
			}, virtual));
		}
		List<T> results = new ArrayList<>();
		for (CompletableFuture<T> future : futures) {
			results.add(future.get());
		}
		return results;
	}

	private interface Task<T> {
		T run(int index) throws Exception;
	}

	private static String basic(String username, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static double secondsSince(long nanos) {
		return (System.nanoTime() - nanos) / 1e9;
	}

	private static void log(String format, Object... args) {
		System.err.printf("[chat-load] " + format + "%n", args);
	}

	/** A socket that joins fragmented text frames and hands each whole frame to {@link #frame}. */
	private abstract class Socket implements WebSocket.Listener {

		WebSocket socket;
		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			long now = System.nanoTime();
			if (last && partial.isEmpty()) {
				frame(data.toString(), now);
			}
			else {
				partial.append(data);
				if (last) {
					frame(partial.toString(), now);
					partial.setLength(0);
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			socketsClosed.increment();
			return null;
		}

		abstract void frame(String text, long now);
	}

	private final class CustomerClient extends Socket {

		final String chatId;
		final String token;

		CustomerClient(String chatId, String token) {
			this.chatId = chatId;
			this.token = token;
		}

		@Override
		void frame(String text, long now) {
			if (text.contains("\"type\":\"STATE\"") && text.contains("\"state\":\"ACTIVE\"")) {
				active.put(chatId, true);
			}
			received(text, 'a', now);
		}
	}

	private final class AgentClient extends Socket {

		final String token;

		AgentClient(String token) {
			this.token = token;
		}

		@Override
		void frame(String text, long now) {
			if (text.contains("\"type\":\"ASSIGNED\"")) {
				chatAgent.put(JSON.readTree(text).at("/chatId").asString(), this);
				return;
			}
			received(text, 'c', now);
		}
	}

	/** Latencies in nanoseconds, summarised as percentiles in milliseconds. */
	private static final class Latencies {

		private long[] values = new long[1 << 16];
		private int size;

		synchronized void add(long nanos) {
			if (size == values.length) {
				values = Arrays.copyOf(values, size * 2);
			}
			values[size++] = nanos;
		}

		synchronized Map<String, Object> summary() {
			long[] sorted = Arrays.copyOf(values, size);
			Arrays.sort(sorted);
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("count", size);
			for (int p : new int[] { 50, 95, 99 }) {
				out.put("p" + p, size == 0 ? null : ms(sorted[Math.min(size - 1, (int) Math.ceil(p / 100.0 * size) - 1)]));
			}
			out.put("max", size == 0 ? null : ms(sorted[size - 1]));
			return out;
		}

		private static double ms(long nanos) {
			return Math.round(nanos / 10_000.0) / 100.0;
		}
	}
}
