package org.progjar.chat.storage;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Keeps the H2 file proportional to the data it holds.
 * <p>
 * Durability needs {@code WRITE_DELAY=0}: every commit is written to the file before the client
 * hears OK. But H2 does its file housekeeping (rewriting chunks that are mostly dead page
 * versions) on the background writer thread, and a write delay of zero turns that thread off,
 * so under steady load the file grew to twenty times the data. This does the same housekeeping
 * on a schedule, through H2's public MVStore API; with {@code RETENTION_TIME=0} in the URL the
 * freed space is reused at once.
 */
@Component
class H2FileCompactor implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(H2FileCompactor.class);

	/**
	 * Most bytes one pass rewrites. A pass holds H2's store lock, and commits wait for it: with
	 * 4 MiB passes once a second the room benchmark's p99 latency was 150-170 ms, with 512 KiB
	 * passes four times a second 80-110 ms, for a file a third larger (still a fifth of what it
	 * is without compaction).
	 */
	private static final int MAX_REWRITE_BYTES = 512 << 10;

	private final DataSource dataSource;

	private final StorageSettings settings;

	private volatile boolean unsupported;

	H2FileCompactor(DataSource dataSource, StorageSettings settings) {
		this.dataSource = dataSource;
		this.settings = settings;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::compact, this.settings.compactInterval());
	}

	void compact() {
		if (this.unsupported) {
			return;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			MVStore store = embeddedStore(connection);
			if (store == null) {
				this.unsupported = true;
				log.info("Database is not an embedded H2 file; file compaction is left to the database");
				return;
			}
			// Only the chunk rewrite of H2's own housekeeping, under its store lock. Not
			// compactFile(): moving chunks while commits run tripped H2's internal assertions and
			// closed the database.
			store.compact(this.settings.targetFillRate(), MAX_REWRITE_BYTES);
		}
		catch (SQLException | RuntimeException ex) {
			log.warn("Database file compaction failed; will try again", ex);
		}
	}

	private static @Nullable MVStore embeddedStore(Connection connection) throws SQLException {
		if (!connection.isWrapperFor(JdbcConnection.class)
				|| !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
			return null;
		}
		var store = session.getDatabase().getStore();
		return (store != null && store.getMvStore().getFileStore() != null) ? store.getMvStore() : null;
	}

}
