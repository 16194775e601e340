package io.parley.database;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * The embedded PostgreSQL server, run from the binaries on the class path as a child process of Parley, with its data
 * in {@code <dataDir>/postgres}, surviving restarts. It is Parley's alone:
 * <ul>
 * <li>a lock file makes a second Parley on the same directory fail at once;
 * <li>it takes password (SCRAM) logins only, over TCP on 127.0.0.1 and on a socket in {@code <dataDir>/socket}
 * (mode 0700); the password is generated at the first start and kept in {@code <dataDir>/pgpass} (mode 0600, in the
 * format of a {@code .pgpass} file, so {@code psql} can use it);
 * <li>what it acknowledges is on disk ({@code synchronous_commit}, {@code fsync} and {@code full_page_writes} on).
 * </ul>
 * A PostgreSQL left running by a Parley that was killed is stopped at the next start, and a directory made by an
 * earlier Parley (trust authentication, no password file) gets a password. If the server dies, it is started again
 * on the same port, and Parley's pool reconnects by itself; meanwhile {@link #running()} is false.
 */
class EmbeddedPostgresServer implements AutoCloseable {

	static final String SUPERUSER = "postgres";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
	private static final Logger postgresLog = LoggerFactory.getLogger("io.parley.database.postgres");

	/** A Unix socket's path must fit into 108 bytes, {@code /.s.PGSQL.<port>} included. */
	private static final int LONGEST_SOCKET_DIRECTORY = 90;
	/** Crash recovery of a large WAL may take a while; a server that does not even get that far stops by itself. */
	private static final Duration STARTUP_LIMIT = Duration.ofMinutes(10);
	private static final Duration LONGEST_RESTART_PAUSE = Duration.ofSeconds(10);
	private static final Optional<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
		.filter(p -> Files.isExecutable(Path.of(p)))
		.findFirst();

	private final Path directory;
	private final Path pgdata;
	private final Path socketDirectory;
	private final Path passwordFile;
	private final boolean ephemeral;
	private final FileChannel lockChannel;
	private final FileLock lock;
	private final PostgresBinaries binaries;
	private final int port;
	private final String password;
	private final Deque<String> recentOutput = new ArrayDeque<>();
	private final Object lifecycle = new Object();
	private final Thread supervisor;
	private volatile Process postmaster;
	private volatile boolean running;
	private volatile boolean closing;

	EmbeddedPostgresServer(Path dataDir, boolean ephemeral) {
		this.directory = dataDir.toAbsolutePath().normalize();
		this.pgdata = directory.resolve("postgres");
		this.passwordFile = directory.resolve("pgpass");
		Path socket = directory.resolve("socket");
		// A socket's path has at most 107 bytes, and PostgreSQL reads the setting as a list: a path too long or
		// misread gets no socket, and TCP alone is used.
		this.socketDirectory = socket.toString().getBytes(StandardCharsets.UTF_8).length <= LONGEST_SOCKET_DIRECTORY
				&& !socket.toString().contains(",") && !socket.toString().contains("\"") ? socket : null;
		this.ephemeral = ephemeral;
		try {
			Files.createDirectories(directory);
			lockChannel = FileChannel.open(directory.resolve("parley.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not open the data directory " + directory, e);
		}
		lock = lockOrRefuse();
		try {
			log.info("Starting embedded PostgreSQL with data in {}", pgdata);
			long start = System.nanoTime();
			binaries = PostgresBinaries.in(directory.resolve("runtime"));
			stopOrphan();
			password = prepareDataDirectory();
			port = freePort();
			synchronized (lifecycle) {
				postmaster = launch();
			}
			awaitReady(postmaster);
			checkLogin();
			running = true;
			log.info("Embedded PostgreSQL ready on 127.0.0.1:{} (pid {}) in {} ms", port, postmaster.pid(),
					(System.nanoTime() - start) / 1_000_000);
		}
		catch (IOException | RuntimeException e) {
			closing = true;
			stopPostmaster();
			release();
			if (e instanceof EmbeddedPostgresException failure) {
				throw failure;
			}
			throw new EmbeddedPostgresException("Could not start the embedded PostgreSQL in " + pgdata + ": " + e, e);
		}
		supervisor = Thread.ofPlatform().daemon().name("parley-postgres-supervisor").start(this::supervise);
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
	}

	String username() {
		return SUPERUSER;
	}

	String password() {
		return password;
	}

	/** False from the moment the server died until it runs again. */
	boolean running() {
		return running;
	}

	@Override
	public void close() throws IOException {
		closing = true;
		log.info("Stopping embedded PostgreSQL");
		stopPostmaster();
		supervisor.interrupt();
		try {
			supervisor.join(Duration.ofSeconds(10));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		release();
	}

	private FileLock lockOrRefuse() {
		FileLock acquired;
		try {
			acquired = lockChannel.tryLock();
		}
		catch (OverlappingFileLockException e) {
			acquired = null;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not lock the data directory " + directory, e);
		}
		if (acquired == null) {
			try {
				lockChannel.close();
			}
			catch (IOException e) {
				// refusing anyway
			}
			throw new DataDirectoryInUseException(directory);
		}
		return acquired;
	}

	private void release() {
		try {
			lock.release();
			lockChannel.close();
			if (ephemeral) {
				FileSystemUtils.deleteRecursively(directory);
			}
		}
		catch (IOException e) {
			log.warn("Could not release the data directory {}: {}", directory, e.toString());
		}
	}

	/**
	 * A PostgreSQL still running on this data directory was left by a Parley that did not stop cleanly (this one holds
	 * the directory's lock, so no other Parley runs on it): it is stopped, so that this Parley starts, and supervises,
	 * its own.
	 */
	private void stopOrphan() throws IOException {
		Path pidFile = pgdata.resolve("postmaster.pid");
		Optional<ProcessHandle> orphan = firstLine(pidFile).flatMap(EmbeddedPostgresServer::pid)
			.flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive);
		if (orphan.isEmpty()) {
			return;
		}
		ProcessHandle.Info info = orphan.get().info();
		if (info.command().isEmpty()) {
			return; // cannot tell what it is: PostgreSQL's own checks decide
		}
		boolean ours = info.command().get().matches(".*[/\\\\]postgres(\\.exe)?")
				&& info.arguments().map(List::of).orElse(List.of()).contains(pgdata.toString());
		if (!ours) {
			// The recorded postmaster died long ago and its number went to another process: the file is stale.
			Files.deleteIfExists(pidFile);
			return;
		}
		long start = System.nanoTime();
		try {
			// Returns once the postmaster has removed its postmaster.pid on the way out.
			run(Duration.ofSeconds(90), "pg_ctl", "stop", "-D", pgdata.toString(), "-m", "fast", "-w", "-t", "60");
		}
		catch (EmbeddedPostgresException e) {
			log.warn("pg_ctl could not stop the orphaned PostgreSQL (pid {}), killing it: {}", orphan.get().pid(),
					e.getMessage());
			orphan.get().descendants().forEach(ProcessHandle::destroyForcibly);
			orphan.get().destroyForcibly();
			orphan.get().onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(x -> null).join();
		}
		log.warn("Stopped the embedded PostgreSQL (pid {}) that a Parley which did not stop cleanly had left running,"
				+ " in {} ms; starting it afresh", orphan.get().pid(), (System.nanoTime() - start) / 1_000_000);
	}

	/**
	 * Creates the database cluster with a generated password at the first start, or gives the cluster of an earlier
	 * Parley (trust authentication, no password file) one; then writes the authentication rules. Answers the password.
	 * The password file is written last, so that a start interrupted halfway starts over.
	 */
	private String prepareDataDirectory() throws IOException {
		if (!Files.exists(pgdata.resolve("PG_VERSION"))) {
			String generated = generatePassword();
			Path initial = directory.resolve("initdb-password");
			writePrivately(initial, generated + "\n");
			try {
				run(Duration.ofMinutes(5), "initdb", "-D", pgdata.toString(), "-U", SUPERUSER, "-E", "UTF-8",
						"--auth=scram-sha-256", "--pwfile=" + initial);
			}
			finally {
				Files.deleteIfExists(initial);
			}
			writePrivately(passwordFile, pgpass(generated));
			log.info("Created the embedded database in {}; its password is in {}", pgdata, passwordFile);
		}
		else if (!Files.exists(passwordFile)) {
			String generated = generatePassword();
			// Single-user mode needs no login: the way in to a cluster whose superuser has no password yet.
			feed("ALTER ROLE " + SUPERUSER + " PASSWORD '" + generated + "';\n", Duration.ofMinutes(10), "postgres",
					"--single", "-D", pgdata.toString(), "-c", "password_encryption=scram-sha-256", "postgres");
			writePrivately(passwordFile, pgpass(generated));
			log.warn("Upgraded the embedded database in {} from trust to password authentication; its password is in {}",
					pgdata, passwordFile);
		}
		restrict(passwordFile, "rw-------");
		writePrivately(pgdata.resolve("pg_hba.conf"), """
				# Written by Parley at every start; changes here are overwritten. Password (SCRAM) logins only:
				# on the socket in %s (mode 0700) and over TCP from 127.0.0.1.
				# The password is in %s.
				local all all scram-sha-256
				host  all all 127.0.0.1/32 scram-sha-256
				""".formatted(socketDirectory == null ? "(none: the data directory's path is too long)" : socketDirectory,
				passwordFile));
		if (socketDirectory != null) {
			Files.createDirectories(socketDirectory);
			restrict(socketDirectory, "rwx------");
		}
		else {
			log.info("No Unix socket for the embedded PostgreSQL: the path of {} is too long for one; TCP only",
					directory.resolve("socket"));
		}
		String line = firstLine(passwordFile).orElseThrow(
				() -> new EmbeddedPostgresException("The password file " + passwordFile + " is empty"));
		return line.substring(line.lastIndexOf(':') + 1);
	}

	private Process launch() throws IOException {
		List<String> command = new ArrayList<>();
		// In a session of its own, so that a Ctrl-C meant for Parley does not stop the database under it.
		SETSID.ifPresent(command::add);
		command.addAll(command("postgres", "-D", pgdata.toString()));
		for (String setting : settings()) {
			command.add("-c");
			command.add(setting);
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		Thread.ofPlatform().daemon().name("parley-postgres-output-" + process.pid()).start(() -> relay(process));
		return process;
	}

	/** Given on the command line, so that they hold whatever the cluster's configuration files say. */
	private List<String> settings() {
		return List.of("port=" + port, "listen_addresses=127.0.0.1",
				"unix_socket_directories=" + (socketDirectory == null ? "" : socketDirectory),
				"unix_socket_permissions=0700", "password_encryption=scram-sha-256", "synchronous_commit=on",
				"fsync=on", "full_page_writes=on", "max_connections=200", "timezone=UTC", "log_checkpoints=off");
	}

	/** Waits until the postmaster says it is ready in its {@code postmaster.pid}, as {@code pg_ctl -w} does. */
	private void awaitReady(Process process) throws IOException {
		long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
		Path pidFile = pgdata.resolve("postmaster.pid");
		while (true) {
			if (!process.isAlive()) {
				throw new EmbeddedPostgresException("The embedded PostgreSQL in " + pgdata
						+ " stopped while starting (exit code " + process.exitValue() + "): " + lastComplaint());
			}
			List<String> lines = Files.exists(pidFile) ? readLines(pidFile) : List.of();
			if (lines.size() >= 8 && lines.get(0).trim().equals(Long.toString(process.pid()))
					&& lines.get(7).trim().equals("ready")) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new EmbeddedPostgresException("The embedded PostgreSQL in " + pgdata + " was not ready after "
						+ STARTUP_LIMIT.toMinutes() + " minutes: " + lastComplaint());
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new EmbeddedPostgresException("Interrupted while the embedded PostgreSQL started", e);
			}
		}
	}

	/** One login with the password from the file, so that a mismatch is said at the start, and plainly. */
	private void checkLogin() {
		Properties properties = new Properties();
		properties.setProperty("user", SUPERUSER);
		properties.setProperty("password", password);
		properties.setProperty("loginTimeout", "30");
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), properties)) {
			connection.isValid(30);
		}
		catch (SQLException e) {
			throw new EmbeddedPostgresException("The embedded PostgreSQL in " + pgdata + " refused Parley's login with"
					+ " the password in " + passwordFile + ": " + e.getMessage(), e);
		}
	}

	/** Runs while the server does: when the postmaster dies, it is started again, pausing longer after each failure. */
	private void supervise() {
		while (!closing) {
			Process current = postmaster;
			int exit;
			try {
				exit = current.waitFor();
			}
			catch (InterruptedException e) {
				return;
			}
			if (closing) {
				return;
			}
			running = false;
			log.error("The embedded PostgreSQL (pid {}) stopped unexpectedly with exit code {}; starting it again",
					current.pid(), exit);
			Duration pause = Duration.ofMillis(250);
			while (!closing) {
				try {
					synchronized (lifecycle) {
						if (closing) {
							return;
						}
						postmaster = launch();
					}
					awaitReady(postmaster);
					running = true;
					log.warn("The embedded PostgreSQL runs again (pid {})", postmaster.pid());
					break;
				}
				catch (IOException | RuntimeException e) {
					if (closing) {
						return;
					}
					log.error("Could not start the embedded PostgreSQL again, trying again in {} ms: {}", pause.toMillis(),
							e.getMessage());
					try {
						Thread.sleep(pause);
					}
					catch (InterruptedException interrupted) {
						return;
					}
					pause = pause.multipliedBy(2).compareTo(LONGEST_RESTART_PAUSE) > 0 ? LONGEST_RESTART_PAUSE
							: pause.multipliedBy(2);
				}
			}
		}
	}

	/** A fast shutdown (clients are disconnected, a checkpoint is written), killed when it does not end in time. */
	private void stopPostmaster() {
		synchronized (lifecycle) {
			Process process = postmaster;
			if (process == null || !process.isAlive()) {
				return;
			}
			try {
				run(Duration.ofSeconds(90), "pg_ctl", "stop", "-D", pgdata.toString(), "-m", "fast", "-w", "-t", "60");
			}
			catch (RuntimeException e) {
				log.warn("pg_ctl could not stop the embedded PostgreSQL: {}", e.getMessage());
			}
			try {
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					log.warn("The embedded PostgreSQL (pid {}) did not stop, killing it", process.pid());
					process.descendants().forEach(ProcessHandle::destroyForcibly);
					process.destroyForcibly();
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** PostgreSQL's own log lines, into Parley's log; the last ones are kept for error messages. */
	private void relay(Process process) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				remember(line);
				// Starting and stopping, FATAL is what PostgreSQL says to clients it turns away, as expected.
				if ((line.contains("FATAL:") || line.contains("PANIC:")) && running && !closing) {
					postgresLog.warn(line);
				}
				else if (line.contains("LOG:")) {
					postgresLog.info(line);
				}
				else {
					postgresLog.debug(line);
				}
			}
		}
		catch (IOException e) {
			// the process is gone
		}
	}

	private void remember(String line) {
		synchronized (recentOutput) {
			if (recentOutput.size() == 30) {
				recentOutput.removeFirst();
			}
			recentOutput.addLast(line);
		}
	}

	/** The last serious line PostgreSQL wrote, or its last line. */
	private String lastComplaint() {
		synchronized (recentOutput) {
			List<String> lines = new ArrayList<>(recentOutput);
			for (int i = lines.size() - 1; i >= 0; i--) {
				String line = lines.get(i);
				if (line.contains("FATAL:") || line.contains("PANIC:") || line.contains("ERROR:")) {
					return line.substring(line.indexOf(':', line.indexOf("]")) + 1).trim();
				}
			}
			return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
		}
	}

	/**
	 * A command of the PostgreSQL binaries. Run as root, PostgreSQL refuses to start; in a user namespace of its own
	 * (as zonky does it) it is no one in particular and starts.
	 */
	private List<String> command(String program, String... arguments) {
		List<String> command = new ArrayList<>();
		if (LinuxUtils.isUnshareAvailable()) {
			command.addAll(List.of("unshare", "-U"));
		}
		command.add(binaries.program(program));
		command.addAll(List.of(arguments));
		return command;
	}

	private void run(Duration limit, String program, String... arguments) {
		feed(null, limit, program, arguments);
	}

	/** Runs a program to its end with {@code input} on its standard input; fails with its output when it fails. */
	private void feed(String input, Duration limit, String program, String... arguments) {
		try {
			Process process = new ProcessBuilder(command(program, arguments)).redirectErrorStream(true).start();
			CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
				try {
					return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				}
				catch (IOException e) {
					return e.toString();
				}
			}, runnable -> Thread.ofVirtual().start(runnable));
			try (Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
				if (input != null) {
					stdin.write(input);
				}
			}
			if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new EmbeddedPostgresException(program + " did not finish within " + limit.toSeconds() + " s");
			}
			String text = output.join().strip();
			if (process.exitValue() != 0) {
				throw new EmbeddedPostgresException(program + " failed (exit code " + process.exitValue() + "): " + text);
			}
			postgresLog.debug("{}: {}", program, text);
		}
		catch (IOException e) {
			throw new EmbeddedPostgresException("Could not run " + program + ": " + e.getMessage(), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new EmbeddedPostgresException("Interrupted while running " + program, e);
		}
	}

	private static String generatePassword() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** A {@code .pgpass} line: any host, port and database, as the superuser. */
	private static String pgpass(String password) {
		return "*:*:*:" + SUPERUSER + ":" + password + "\n";
	}

	/** Writes a file readable by Parley's user only from its first byte, replacing the old one at once. */
	private static void writePrivately(Path file, String content) throws IOException {
		Path next = file.resolveSibling(file.getFileName() + ".next");
		Files.deleteIfExists(next);
		if (Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null) {
			Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		Files.writeString(next, content, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
				StandardOpenOption.CREATE);
		Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static void restrict(Path path, String permissions) throws IOException {
		if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
	}

	private static Optional<String> firstLine(Path file) throws IOException {
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		return readLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst();
	}

	private static List<String> readLines(Path file) throws IOException {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException e) {
			return List.of();
		}
	}

	private static Optional<Long> pid(String line) {
		try {
			return Optional.of(Long.parseLong(line.trim()));
		}
		catch (NumberFormatException e) {
			return Optional.empty();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}
}
