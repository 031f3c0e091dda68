package org.progjar.chat.storage;

import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V5 to V7 against a database that V4 left with messages in it: what waited in an inbox still
 * waits, what was delivered does not come back, and the message tables keep only the indexes
 * their reads and remaining foreign keys use.
 */
class MessageTablesMigrationTests {

	private final SimpleDriverDataSource database = new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

	private final JdbcTemplate jdbc = new JdbcTemplate(this.database);

	@Test
	void undeliveredMessagesStayUndeliveredAndDeliveredOnesStayDelivered() {
		migrate("4");
		this.jdbc.update("""
				insert into users (id, username, password_hash, display_name, nationality, created_at)
				values (1, 'alice', 'x', 'Alice', 'ID', current_timestamp), (2, 'bob', 'x', 'Bob', 'ID', current_timestamp)""");
		this.jdbc.update("""
				insert into direct_messages (id, sender_id, recipient_id, body, sent_at, delivered_at) values
				(10, 1, 2, 'read', current_timestamp, current_timestamp),
				(11, 1, 2, 'waiting', current_timestamp, null),
				(12, 2, 1, 'also waiting', current_timestamp, null),
				(13, 2, 1, 'pushed', current_timestamp, current_timestamp)""");

		migrate("latest");

		assertThat(this.jdbc.queryForList("select message_id, recipient_id from undelivered_messages order by message_id"))
			.extracting((row) -> List.of(row.get("MESSAGE_ID"), row.get("RECIPIENT_ID")))
			.containsExactly(List.of(11L, 2L), List.of(12L, 1L));
		assertThat(this.jdbc.queryForList("select body from direct_messages order by id", String.class))
			.containsExactly("read", "waiting", "also waiting", "pushed");
	}

	@Test
	void eachMessageTableKeepsOnlyTheIndexesItReads() {
		migrate("latest");

		assertThat(indexedColumns("DIRECT_MESSAGES")).containsExactlyInAnyOrder("ID", "RECIPIENT_ID,ID",
				"SENDER_ID,RECIPIENT_ID,ID");
		assertThat(indexedColumns("ROOM_MESSAGES")).containsExactlyInAnyOrder("ID", "ROOM_ID,SEQ");
		assertThat(indexedColumns("UNDELIVERED_MESSAGES")).containsExactlyInAnyOrder("MESSAGE_ID",
				"RECIPIENT_ID,MESSAGE_ID");
	}

	private List<String> indexedColumns(String table) {
		return this.jdbc.queryForList("""
				select listagg(column_name, ',') within group (order by ordinal_position)
				from information_schema.index_columns where table_name = ? group by index_name""", String.class, table);
	}

	private void migrate(String target) {
		Flyway.configure().dataSource(this.database).target(target).load().migrate();
	}

}
