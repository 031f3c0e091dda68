package org.progjar.chat.room;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.file.FileContent;
import org.progjar.chat.file.FileInfo;
import org.progjar.chat.file.FileName;
import org.progjar.chat.file.FileSettings;
import org.progjar.chat.session.Caller;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/** Files shared in a room: only its members put and fetch them, and a name is used once per room. */
@Service
public class RoomFileService {

	private static final Logger log = LoggerFactory.getLogger(RoomFileService.class);

	private final RoomFileRepository files;

	private final Memberships memberships;

	private final FileSettings settings;

	private final Clock clock;

	RoomFileService(RoomFileRepository files, Memberships memberships, FileSettings settings, Clock clock) {
		this.files = files;
		this.memberships = memberships;
		this.settings = settings;
		this.clock = clock;
	}

	/** Shares a file in the caller's current room. */
	public void share(Caller caller, FileName name, byte[] content) {
		shareIn(caller, this.memberships.currentRoomId(caller), name, content);
	}

	public void share(Caller caller, String roomName, FileName name, byte[] content) {
		shareIn(caller, this.memberships.requireMemberOf(caller, roomName).getId(), name, content);
	}

	public FileContent get(Caller caller, FileName name) {
		return getIn(this.memberships.currentRoomId(caller), name);
	}

	public FileContent get(Caller caller, String roomName, FileName name) {
		return getIn(this.memberships.requireMemberOf(caller, roomName).getId(), name);
	}

	public List<FileInfo> list(Caller caller, String roomName) {
		return this.files.findInfoByRoomId(this.memberships.requireMemberOf(caller, roomName).getId());
	}

	private void shareIn(Caller caller, long roomId, FileName name, byte[] content) {
		this.settings.checkSize(content);
		if (this.files.existsByRoomIdAndName(roomId, name.value())) {
			throw exists(name);
		}
		try {
			this.files.saveAndFlush(new RoomFile(roomId, caller.userId(), name, content, this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			throw exists(name);
		}
		log.info("User {} shared a file of {} bytes in room {}", caller.username(), content.length, roomId);
	}

	private FileContent getIn(long roomId, FileName name) {
		return this.files.findByRoomIdAndName(roomId, name.value())
			.map(RoomFile::toContent)
			.orElseThrow(() -> new ChatException(ErrorCode.FILE_NOT_FOUND, "No file [" + name.value() + "] in this room"));
	}

	private static ChatException exists(FileName name) {
		return new ChatException(ErrorCode.FILE_EXISTS, "A file named [" + name.value() + "] is already in this room");
	}

}
