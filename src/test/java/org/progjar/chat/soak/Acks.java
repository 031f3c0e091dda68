package org.progjar.chat.soak;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Everything the server answered OK to, as the client sent it: what the server promised to
 * keep. Checked against the database directly, not through the API under test.
 */
final class Acks {

	/** Direct message id to its text. */
	private final Map<Long, String> direct = new ConcurrentHashMap<>();

	/** {@code room#seq} to its text. */
	private final Map<String, String> room = new ConcurrentHashMap<>();

	/** {@code recipient/name} to the file's size. */
	private final Map<String, Long> files = new ConcurrentHashMap<>();

	/** {@code room/name} to the file's size. */
	private final Map<String, Long> roomFiles = new ConcurrentHashMap<>();

	void direct(long id, String text) {
		this.direct.put(id, text);
	}

	void room(String roomName, long seq, String text) {
		this.room.put(roomName + "#" + seq, text);
	}

	void file(String recipient, String name, long size) {
		this.files.put(recipient + "/" + name, size);
	}

	void roomFile(String roomName, String name, long size) {
		this.roomFiles.put(roomName + "/" + name, size);
	}

	int size() {
		return this.direct.size() + this.room.size() + this.files.size() + this.roomFiles.size();
	}

	String summary() {
		return "acknowledged: " + this.direct.size() + " direct messages, " + this.room.size() + " room messages, "
				+ this.files.size() + " files, " + this.roomFiles.size() + " room files";
	}

	/** What was acknowledged but is not stored as it was sent; empty when every promise was kept. */
	List<String> missingFrom(JdbcTemplate jdbc) {
		List<String> missing = new ArrayList<>();
		Map<Long, String> storedDirect = new HashMap<>();
		jdbc.query("select id, body from direct_messages", (row) -> {
			storedDirect.put(row.getLong(1), row.getString(2));
		});
		this.direct.forEach((id, text) -> check(missing, "direct message " + id, text, storedDirect.get(id)));
		Map<String, String> storedRoom = new HashMap<>();
		jdbc.query("select r.name, m.seq, m.body from room_messages m join rooms r on r.id = m.room_id", (row) -> {
			storedRoom.put(row.getString(1) + "#" + row.getLong(2), row.getString(3));
		});
		this.room.forEach((key, text) -> check(missing, "room message " + key, text, storedRoom.get(key)));
		Map<String, Long> storedFiles = new HashMap<>();
		jdbc.query("select u.username, f.name, f.size_bytes from files f join users u on u.id = f.recipient_id",
				(row) -> {
					storedFiles.put(row.getString(1) + "/" + row.getString(2), row.getLong(3));
				});
		this.files.forEach((key, size) -> check(missing, "file " + key, size, storedFiles.get(key)));
		Map<String, Long> storedRoomFiles = new HashMap<>();
		jdbc.query("select r.name, f.name, f.size_bytes from room_files f join rooms r on r.id = f.room_id", (row) -> {
			storedRoomFiles.put(row.getString(1) + "/" + row.getString(2), row.getLong(3));
		});
		this.roomFiles.forEach((key, size) -> check(missing, "room file " + key, size, storedRoomFiles.get(key)));
		return missing;
	}

	void clear() {
		this.direct.clear();
		this.room.clear();
		this.files.clear();
		this.roomFiles.clear();
	}

	private static void check(List<String> missing, String what, Object sent, Object stored) {
		if (!sent.equals(stored)) {
			missing.add(what + ": sent " + sent + ", stored " + stored);
		}
	}

}
