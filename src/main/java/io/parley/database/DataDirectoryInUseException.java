package io.parley.database;

import java.nio.file.Path;

/** Another Parley already runs on this data directory. */
class DataDirectoryInUseException extends RuntimeException {

	private final Path directory;

	DataDirectoryInUseException(Path directory) {
		super("Another Parley is already running on the data directory " + directory);
		this.directory = directory;
	}

	Path directory() {
		return directory;
	}
}
