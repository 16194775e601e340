package io.parley.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The processes of one embedded PostgreSQL cluster, found by its data directory: every postmaster started with
 * {@code -D <directory>} and all the processes below it (backends, checkpointer, WAL writer…). Tests freeze, thaw and
 * kill them with {@code kill(1)}, which Java cannot do itself for STOP and CONT.
 */
final class PostgresProcesses {

	private PostgresProcesses() {
	}

	/** The postmasters of {@code pgdata}, then every process below them. */
	static List<ProcessHandle> of(Path pgdata) {
		List<ProcessHandle> postmasters = postmasters(pgdata);
		List<ProcessHandle> all = new ArrayList<>(postmasters);
		postmasters.forEach(p -> p.descendants().forEach(all::add));
		return all;
	}

	/** The running postmasters of {@code pgdata} (one, unless something is wrong). */
	static List<ProcessHandle> postmasters(Path pgdata) {
		String directory = pgdata.toAbsolutePath().normalize().toString();
		return ProcessHandle.allProcesses().filter(PostgresProcesses::running).filter(p -> {
			boolean postgres = p.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
			List<String> arguments = p.info().arguments().map(Arrays::asList).orElse(List.of());
			int d = arguments.indexOf("-D");
			return postgres && d >= 0 && d + 1 < arguments.size() && directory.equals(arguments.get(d + 1));
		}).toList();
	}

	/** Sends {@code signal} (STOP, CONT, KILL) to all {@code processes} with one {@code kill} command. */
	static void signal(String signal, List<ProcessHandle> processes) {
		if (processes.isEmpty()) {
			return;
		}
		List<String> command = new ArrayList<>(List.of("kill", "-s", signal));
		processes.forEach(p -> command.add(Long.toString(p.pid())));
		try {
			Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
			assertThat(kill.waitFor(30, TimeUnit.SECONDS)).as("kill finished").isTrue();
			String output = new String(kill.getInputStream().readAllBytes());
			// A backend may have ended on its own between listing and signalling: that is not an error here.
			assertThat(kill.exitValue() == 0 || output.contains("No such process")).as("%s: %s", command, output).isTrue();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Waits until {@code condition} holds, polling; fails with {@code what} after {@code patience}. */
	static void await(Duration patience, String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + patience.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Gave up after " + patience.toSeconds() + " s waiting for: " + what);
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
	}

	static boolean anyAlive(List<ProcessHandle> processes) {
		return processes.stream().anyMatch(PostgresProcesses::running);
	}

	/**
	 * Whether the process still runs: a process that ended counts as gone even while it waits, as a zombie, for its
	 * parent (for an orphan, PID 1, which reaps when it gets to it) to collect its exit status.
	 */
	static boolean running(ProcessHandle process) {
		if (!process.isAlive()) {
			return false;
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
			// pid (comm) state ...: the state follows the last ')', as comm may itself hold one
			return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
		}
		catch (IOException e) {
			return false; // gone from /proc meanwhile
		}
	}
}
