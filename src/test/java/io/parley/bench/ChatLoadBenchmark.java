package io.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
	private final int warmup;
	/** The kernel's clock ticks per second, as /proc counts CPU time (100 on Linux). */
	private static final long CLOCK_TICKS = 100;
	private volatile long[] cpuAtMeasure;
	private volatile long measureStart = System.nanoTime();
	/** Ids of the messages sent while warming up: delivered and checked like the others, not timed. */
	private final Set<String> warmupIds = ConcurrentHashMap.newKeySet();
	private final String parleyPid;
	private final String postgresPid;
	private final int stormEvery;
	private final String run = Long.toString(System.currentTimeMillis(), 36);

	// Several clients, so that one selector thread does not carry every socket.
	private final HttpClient[] clients = new HttpClient[4];
	private final ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();

	private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
	private final Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
	private final Map<String, Boolean> answered = new ConcurrentHashMap<>();
	private final Latencies toAgent = new Latencies();
	/** Both directions, split at the event's own time ("at", stamped by Parley in the writing transaction). */
	private final Latencies untilStamped = new Latencies();
	private final Latencies stampedToReceipt = new Latencies();
	/** nanoTime + this = nanoseconds since the epoch, as Parley's "at" counts (same machine, same clock). */
	private final long epochOffsetNanos = epochNanos(Instant.now()) - System.nanoTime();
	private final Latencies toCustomer = new Latencies();
	private final Latencies postAnswer = new Latencies();
	private final LongAdder sendFailures = new LongAdder();
	private final LongAdder socketsClosed = new LongAdder();
	private final LongAdder busyRetries = new LongAdder();
	private final LongAdder reconnects = new LongAdder();
	private final LongAdder reconnectFailures = new LongAdder();
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
		this.warmup = Integer.parseInt(args.getOrDefault("warmup", "0"));
		this.parleyPid = args.get("parley-pid");
		this.postgresPid = args.get("postgres-pid");
		this.stormEvery = Integer.parseInt(args.getOrDefault("storm-every", "0"));
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

		// First the warm-up, the rate rising evenly from 0 to the target (the JIT compiles the message path meanwhile,
		// as on a server that was just started), then the measured seconds at the target rate.
		long warmupTotal = (long) rate * warmup / 2;
		long total = warmupTotal + (long) rate * seconds;
		long warmupNanos = TimeUnit.SECONDS.toNanos(warmup);
		AtomicLong inFlight = new AtomicLong();
		long start = System.nanoTime();
		List<Socket> everySocket = new ArrayList<>(ready);
		everySocket.addAll(agentClients);
		Thread storms = Thread.ofPlatform().daemon().start(() -> storms(everySocket, start));
		for (long i = 0; i < total; i++) {
			// Ramp: i messages by time t = sqrt(2 W i / rate); then one every 1/rate seconds.
			long due = i < warmupTotal ? start + (long) (Math.sqrt(2.0 * warmup * i / rate) * 1e9)
					: start + warmupNanos + (i - warmupTotal) * 1_000_000_000L / rate;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			CustomerClient customer = ready.get(ThreadLocalRandom.current().nextInt(ready.size()));
			boolean fromCustomer = (i & 1) == 0;
			String id = (fromCustomer ? "c" : "a") + i;
			if (i < warmupTotal) {
				warmupIds.add(id);
			}
			else if (i == warmupTotal) {
				cpuAtMeasure = cpuTicks();
				measureStart = System.nanoTime();
			}
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
		long[] cpuAtEnd = cpuTicks();
		double measuredSeconds = secondsSince(measureStart);
		storms.interrupt();
		storms.join();
		// Stragglers: wait while sends are still being answered or receipts still come in, until 15 s pass with
		// neither (at most 3 minutes), so that "lost" means never delivered, not late.
		long quietSince = System.nanoTime();
		long giveUp = quietSince + TimeUnit.MINUTES.toNanos(3);
		int lastReceipts = receipts.size();
		long lastInFlight = inFlight.get();
		while ((inFlight.get() > 0 || receipts.size() < sentAt.size()) && System.nanoTime() < giveUp
				&& System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(15)) {
			Thread.sleep(100);
			if (receipts.size() != lastReceipts || inFlight.get() != lastInFlight) {
				lastReceipts = receipts.size();
				lastInFlight = inFlight.get();
				quietSince = System.nanoTime();
			}
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
		out.put("rate_offered", Math.round((total - warmupTotal) / measuredSeconds));
		out.put("seconds", seconds);
		out.put("warmup_seconds", warmup);
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
		// Where the time goes, both directions: from the POST leaving to Parley stamping the event in its
		// transaction (HTTP, authentication, the chat's lock), and from there to the other side's socket (the write,
		// the commit, the notification, the frame, the client reading it).
		out.put("send_to_stamp_ms", untilStamped.summary());
		out.put("stamp_to_receipt_ms", stampedToReceipt.summary());
		out.put("sockets_closed_by_server", socketsClosed.sum());
		out.put("busy_retries", busyRetries.sum());
		if (stormEvery > 0) {
			out.put("storm_every_s", stormEvery);
			out.put("reconnects", reconnects.sum());
			out.put("reconnect_failures", reconnectFailures.sum());
		}
		if (cpuAtMeasure != null && cpuAtEnd != null) {
			// CPU time of the measured seconds, per message sent in them (both directions count), from /proc.
			long measuredMessages = (long) rate * seconds;
			Map<String, Object> cpu = new LinkedHashMap<>();
			String[] names = { "parley", "postgres", "load_client" };
			for (int k = 0; k < names.length; k++) {
				double cpuSeconds = (cpuAtEnd[k] - cpuAtMeasure[k]) / (double) CLOCK_TICKS;
				cpu.put(names[k] + "_ms_per_message", Math.round(cpuSeconds * 1000 / measuredMessages * 1000) / 1000.0);
				cpu.put(names[k] + "_cores", Math.round(cpuSeconds / measuredSeconds * 100) / 100.0);
			}
			out.put("cpu", cpu);
		}
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
			// Refused as busy: send again with the same client message id as the widget does, after what Retry-After
			// says or the back-off (1, 2, 4, ... 30 s, +-20 %), whichever is longer.
			for (int retry = 0; response.statusCode() == 503 && retry < 8; retry++) {
				busyRetries.increment();
				long told = response.headers().firstValueAsLong("Retry-After").orElse(1);
				double backoff = Math.min(30, 1 << retry) * (0.8 + ThreadLocalRandom.current().nextDouble() * 0.4);
				Thread.sleep((long) (Math.max(told, backoff) * 1000));
				response = client(id.hashCode()).send(request, HttpResponse.BodyHandlers.ofString());
			}
			if (!warmupIds.contains(id)) {
				postAnswer.add(System.nanoTime() - sent);
			}
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

	/**
	 * Every {@code stormEvery} seconds of the send phase, every customer and agent socket is cut at once and opened
	 * again from the last seq or cursor it saw (32 at a time), while messages keep coming.
	 */
	private void storms(List<Socket> sockets, long start) {
		if (stormEvery <= 0) {
			return;
		}
		try {
			for (int n = 1; ; n++) {
				long due = start + TimeUnit.SECONDS.toNanos((long) stormEvery * n);
				if (due >= start + TimeUnit.SECONDS.toNanos(warmup + seconds)) {
					return;
				}
				TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
				long t = System.nanoTime();
				parallel(sockets.size(), 32, i -> {
					try {
						sockets.get(i).reconnect();
						reconnects.increment();
					}
					catch (Exception e) {
						reconnectFailures.increment();
					}
					return null;
				});
				log("storm %d: %d sockets cut and resumed in %.1f s", n, sockets.size(), secondsSince(t));
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (Exception e) {
			log("storm failed: %s", e);
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
		if (count == 1 && sent != null && !warmupIds.contains(id)) {
			(fromSide == 'c' ? toAgent : toCustomer).add(now - sent);
			long stamped = stamped(frame);
			if (stamped > 0) {
				untilStamped.add(stamped - (sent + epochOffsetNanos));
				stampedToReceipt.add(now + epochOffsetNanos - stamped);
			}
		}
	}

	/** The event's "at" in nanoseconds since the epoch; 0 when the frame has none. */
	private static long stamped(String frame) {
		int at = frame.indexOf("\"at\":\"");
		if (at < 0) {
			return 0;
		}
		int end = frame.indexOf('"', at + 6);
		try {
			return epochNanos(Instant.parse(frame.substring(at + 6, end)));
		}
		catch (RuntimeException e) {
			return 0;
		}
	}

	private static long epochNanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	private AgentClient agent(int i, String skill) throws Exception {
		String username = "bench-" + run + "-" + i;
		String password = "bench-password-" + run;
		post("/api/v1/users", adminAuth, Map.of("username", username, "displayName", "Bench Agent " + i, "password",
				password, "roles", List.of("AGENT"), "skills", List.of(skill), "maxConcurrentChats", 50));
		String token = post("/api/v1/api-tokens", basic(username, password), Map.of("name", "bench"))
			.at("/token").asString();
		AgentClient agent = new AgentClient(token);
		agent.connect();
		send("PUT", "/api/v1/agent/status", "Bearer " + token, Map.of("status", "AVAILABLE"));
		return agent;
	}

	private CustomerClient customer(String poc, int i) throws Exception {
		JsonNode started = post("/widget/v1/points-of-contact/" + poc + "/chats", null, Map.of("preChat", Map.of()));
		CustomerClient customer = new CustomerClient(started.at("/chatId").asString(),
				started.at("/token").asString());
		customer.connect();
		return customer;
	}

	/**
	 * Parley's live heap with every socket still open: a class histogram makes the JVM run a full collection first,
	 * so its total is what the chats hold, not garbage awaiting collection. Null without a pid or a jcmd.
	 */
	/**
	 * CPU ticks used so far by Parley's JVM, by its embedded PostgreSQL (the server process and its backends, which
	 * live as long as Parley's pooled connections) and by this client; null without a pid or a /proc.
	 */
	private long[] cpuTicks() {
		if (parleyPid == null || !Files.isDirectory(Path.of("/proc"))) {
			return null;
		}
		long pid = Long.parseLong(parleyPid);
		long postgres = postgresPid == null ? 0 : ProcessHandle.of(Long.parseLong(postgresPid))
			.map(server -> ticks(server.pid()) + server.descendants().mapToLong(child -> ticks(child.pid())).sum())
			.orElse(0L);
		return new long[] { ticks(pid), postgres, ticks(ProcessHandle.current().pid()) };
	}

	/** utime + stime of a process (fields 14 and 15 of /proc/<pid>/stat), 0 when it is gone. */
	private static long ticks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException e) {
			return 0;
		}
	}

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

	/**
	 * A socket that joins fragmented text frames and hands each whole frame to {@link #frame}, remembering the last
	 * position (seq or cursor) it saw so that a reconnect resumes after it. Frames of a socket that was cut are
	 * ignored: the next socket sends them again.
	 */
	private abstract class Socket implements WebSocket.Listener {

		volatile WebSocket socket;
		private final StringBuilder partial = new StringBuilder();
		private final String positionKey;
		private final int client = ThreadLocalRandom.current().nextInt(clients.length);
		private long position;

		Socket(String positionKey) {
			this.positionKey = "\"" + positionKey + "\":";
		}

		@Override
		public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			long now = System.nanoTime();
			if (webSocket != socket) {
				return null;
			}
			partial.append(data);
			if (last) {
				String text = partial.toString();
				partial.setLength(0);
				position = Math.max(position, position(text));
				frame(text, now);
			}
			webSocket.request(1);
			return null;
		}

		private long position(String text) {
			int at = text.indexOf(positionKey);
			if (at < 0) {
				return 0;
			}
			int from = at + positionKey.length();
			if (text.charAt(from) == '"') {
				from++;
			}
			int to = from;
			while (to < text.length() && Character.isDigit(text.charAt(to))) {
				to++;
			}
			return to == from ? 0 : Long.parseLong(text, from, to, 10);
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			if (webSocket == socket) {
				socketsClosed.increment();
			}
			return null;
		}

		/** Opens the socket, resuming after the last position seen (from now on for an agent who saw none). */
		void connect() throws Exception {
			long after;
			synchronized (this) {
				after = position;
				partial.setLength(0);
			}
			open(clients[client].newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)), after)
				.get(60, TimeUnit.SECONDS);
		}

		/** The new socket becomes the current one before its first frame can arrive. */
		@Override
		public void onOpen(WebSocket webSocket) {
			synchronized (this) {
				socket = webSocket;
			}
			webSocket.request(1);
		}

		/** Cuts the socket without a closing handshake, as a dropped connection would, and opens it again. */
		void reconnect() throws Exception {
			WebSocket old;
			synchronized (this) {
				old = socket;
				socket = null;
			}
			if (old != null) {
				old.abort();
			}
			connect();
		}

		abstract CompletableFuture<WebSocket> open(WebSocket.Builder builder, long after);

		abstract void frame(String text, long now);
	}

	private final class CustomerClient extends Socket {

		final String chatId;
		final String token;

		CustomerClient(String chatId, String token) {
			super("seq");
			this.chatId = chatId;
			this.token = token;
		}

		@Override
		CompletableFuture<WebSocket> open(WebSocket.Builder builder, long after) {
			return builder.buildAsync(URI.create(wsBase + "/widget/v1/chats/" + chatId + "/stream?token=" + token
					+ "&after=" + after), this);
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
			super("cursor");
			this.token = token;
		}

		@Override
		CompletableFuture<WebSocket> open(WebSocket.Builder builder, long after) {
			return builder.header("Authorization", "Bearer " + token)
				.buildAsync(URI.create(wsBase + "/api/v1/agent/stream" + (after > 0 ? "?after=" + after : "")), this);
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
