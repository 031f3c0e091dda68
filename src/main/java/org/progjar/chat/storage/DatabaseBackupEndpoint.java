package org.progjar.chat.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code POST /actuator/backup}: a consistent copy of the database, taken while the server keeps
 * serving, with H2's {@code BACKUP TO} (a zip holding the {@code .mv.db} file). Like Boot's
 * shutdown endpoint it is off unless an operator both allows it
 * ({@code management.endpoint.backup.access=unrestricted}) and exposes it, since whoever can call
 * it can fill the disk. It takes no input: the file goes to the backup directory, under a name
 * made of the time, and appears under that name only once complete.
 */
@Component
@Endpoint(id = "backup", defaultAccess = Access.NONE)
class DatabaseBackupEndpoint {

	private static final Logger log = LoggerFactory.getLogger(DatabaseBackupEndpoint.class);

	/** Sorts in time order; microseconds, the application clock's tick, keep two backups apart. */
	private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'chat-'uuuuMMdd'T'HHmmss.SSSSSS'Z.zip'")
		.withZone(ZoneOffset.UTC);

	private final DataSource dataSource;

	private final StorageSettings settings;

	private final Clock clock;

	DatabaseBackupEndpoint(DataSource dataSource, StorageSettings settings, Clock clock) {
		this.dataSource = dataSource;
		this.settings = settings;
		this.clock = clock;
	}

	/** One at a time: each copies the whole file, and two at once would only compete for the disk. */
	@WriteOperation
	public synchronized Backup backup() {
		try (Connection connection = this.dataSource.getConnection()) {
			Path directory = directory(connection);
			Files.createDirectories(directory);
			Path file = directory.resolve(NAME.format(this.clock.instant()));
			Path partial = file.resolveSibling(file.getFileName() + ".partial");
			try (PreparedStatement backup = connection.prepareStatement("BACKUP TO ?")) {
				backup.setString(1, partial.toString());
				backup.execute();
			}
			Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
			long bytes = Files.size(file);
			log.info("Database backed up to {} ({} bytes)", file, bytes);
			return new Backup(file.toString(), bytes);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Database backup failed", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Database backup failed", ex);
		}
	}

	private Path directory(Connection connection) throws SQLException {
		if (this.settings.backupDirectory() != null) {
			return this.settings.backupDirectory().toAbsolutePath();
		}
		// The file database's path without its .mv.db suffix, e.g. /data/chat; null in memory.
		try (PreparedStatement query = connection.prepareStatement("SELECT DATABASE_PATH()");
				ResultSet result = query.executeQuery()) {
			String database = result.next() ? result.getString(1) : null;
			if (database == null) {
				throw new IllegalStateException("The database is not a file: there is nothing to back up");
			}
			return Path.of(database).toAbsolutePath().resolveSibling("backups");
		}
	}

	/**
	 * @param file where the backup is: a zip of the database file, to restore by unzipping it
	 * in place of {@code chat.mv.db} while the server is stopped
	 * @param bytes its size
	 */
	public record Backup(String file, long bytes) {
	}

}
