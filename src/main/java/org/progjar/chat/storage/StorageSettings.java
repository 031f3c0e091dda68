package org.progjar.chat.storage;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How writes reach the H2 database file, and its upkeep.
 * @param commitBatch at most this many writes share one transaction
 * @param commitQueue writes waiting for the committer; when it is full, submitters wait
 * @param compactInterval how often partly used chunks are rewritten so the file stays
 * proportional to the live data
 * @param targetFillRate chunks fuller than this (percent) are left alone
 * @param backupDirectory where online backups ({@code POST /actuator/backup}) are written; unset,
 * a {@code backups} directory next to the database file
 */
@ConfigurationProperties("chat.storage")
public record StorageSettings(@DefaultValue("256") int commitBatch, @DefaultValue("8192") int commitQueue,
		@DefaultValue("250ms") Duration compactInterval, @DefaultValue("80") int targetFillRate,
		@Nullable Path backupDirectory) {
}
