package io.parley.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL server, started from the binaries on the class path. Its data survives restarts in
 * {@code <dataDir>/postgres}. A lock file makes a second Parley on the same directory fail at once.
 */
class EmbeddedPostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private final FileChannel lockChannel;
	private final FileLock lock;
	private final EmbeddedPostgres postgres;
	private final Path directory;
	private final boolean ephemeral;

	EmbeddedPostgresServer(Path dataDir, boolean ephemeral) {
		this.directory = dataDir.toAbsolutePath().normalize();
		this.ephemeral = ephemeral;
		try {
			Files.createDirectories(directory);
			lockChannel = FileChannel.open(directory.resolve("parley.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			FileLock acquired;
			try {
				acquired = lockChannel.tryLock();
			}
			catch (OverlappingFileLockException e) {
				acquired = null;
			}
			if (acquired == null) {
				lockChannel.close();
				throw new DataDirectoryInUseException(directory);
			}
			lock = acquired;
			Path runtime = directory.resolve("runtime");
			Files.createDirectories(runtime);
			log.info("Starting embedded PostgreSQL with data in {}", directory.resolve("postgres"));
			postgres = EmbeddedPostgres.builder()
				.setDataDirectory(directory.resolve("postgres"))
				.setCleanDataDirectory(ephemeral)
				.setOverrideWorkingDirectory(runtime.toFile())
				.setPort(freePort())
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("max_connections", "200")
				.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory, e);
		}
	}

	String jdbcUrl() {
		return postgres.getJdbcUrl("postgres", "postgres");
	}

	@Override
	public void close() throws IOException {
		log.info("Stopping embedded PostgreSQL");
		try {
			postgres.close();
		}
		finally {
			lock.release();
			lockChannel.close();
			if (ephemeral) {
				Files.deleteIfExists(directory.resolve("parley.lock"));
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}
}
