package org.progjar.chat.room;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.progjar.chat.file.Downloads;
import org.progjar.chat.file.FileContent;
import org.progjar.chat.file.FileInfo;
import org.progjar.chat.file.FileName;
import org.progjar.chat.file.FileSettings;
import org.progjar.chat.ratelimit.CountedAsMessage;
import org.progjar.chat.session.Caller;
import org.progjar.chat.support.Paged;
import org.progjar.chat.support.Parameters;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The REST twin of {@link RoomCommands}. Rooms are named in the path, so a request never depends
 * on which room the session happens to be in; membership made here lasts until the session
 * leaves ({@link Attendance#UNTIL_LEFT}): HTTP has no connection to lose.
 */
@RestController
class RoomController {

	private final RoomService rooms;

	private final RoomDirectory directory;

	private final RoomFileService files;

	private final FileSettings fileSettings;

	RoomController(RoomService rooms, RoomDirectory directory, RoomFileService files, FileSettings fileSettings) {
		this.rooms = rooms;
		this.directory = directory;
		this.files = files;
		this.fileSettings = fileSettings;
	}

	// GET /api/rooms  ->  {"rooms":[{"name","members"}]}
	@GetMapping("/api/rooms")
	RoomList list(Caller caller) {
		return new RoomList(this.directory.rooms());
	}

	// PUT /api/rooms/{room}/members/me  ->  {"room","users"}, as TCP room_join
	@PutMapping("/api/rooms/{room}/members/me")
	Members join(Caller caller, @PathVariable String room) {
		JoinedRoom joined = this.rooms.join(caller, room, Attendance.UNTIL_LEFT);
		return new Members(joined.room(), joined.members());
	}

	// DELETE /api/rooms/{room}/members/me  ->  204
	@DeleteMapping("/api/rooms/{room}/members/me")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void leave(Caller caller, @PathVariable String room) {
		this.rooms.leave(caller, room);
	}

	// GET /api/rooms/{room}/members  ->  {"room","users"}
	@GetMapping("/api/rooms/{room}/members")
	Members members(Caller caller, @PathVariable String room) {
		return new Members(room.strip(), this.directory.members(room));
	}

	// POST /api/rooms/{room}/messages {"message"}  ->  201 {"room","seq","username","name","message","sentAt"}
	@PostMapping("/api/rooms/{room}/messages")
	@CountedAsMessage
	@ResponseStatus(HttpStatus.CREATED)
	Posted chat(Caller caller, @PathVariable String room, @RequestBody ChatLine body) {
		return Posted.of(this.rooms.chat(caller, room, Parameters.required("message", body.message())));
	}

	// GET /api/rooms/{room}/messages?after=SEQ&limit=N  ->  {"messages":[...]}, oldest first
	@GetMapping("/api/rooms/{room}/messages")
	History history(Caller caller, @PathVariable String room, @RequestParam(required = false) @Nullable String after,
			@RequestParam(required = false) @Nullable String limit) {
		Long afterSeq = Parameters.wholeNumber("after", after, 0);
		Paged<RoomMessagePosted> page = this.directory.history(caller, room, afterSeq,
				Parameters.wholeNumber("limit", limit, 1));
		return new History(page.items().stream().map(Posted::of).toList(), page.next());
	}

	// GET /api/rooms/{room}/files  ->  {"files":[{"name","size","from","sentAt"}]}
	@GetMapping("/api/rooms/{room}/files")
	Files files(Caller caller, @PathVariable String room) {
		return new Files(this.files.list(caller, room));
	}

	// PUT /api/rooms/{room}/files/{filename}  raw body  ->  201 {"room","name","size"}
	// Not for form content: Spring's form filter would have read that body as parameters already.
	@PutMapping(path = "/api/rooms/{room}/files/{filename}",
			consumes = "!" + MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@CountedAsMessage
	@ResponseStatus(HttpStatus.CREATED) // what the ResponseEntity sends too; stated for the API docs
	ResponseEntity<SharedFile> share(Caller caller, @PathVariable String room, @PathVariable String filename,
			InputStream body, UriComponentsBuilder uri) throws IOException {
		FileName name = new FileName(filename);
		byte[] content = this.fileSettings.readUpload(body);
		this.files.share(caller, room, name, content);
		URI location = uri.path("/api/rooms/{room}/files/{filename}").buildAndExpand(room, name.value()).toUri();
		return ResponseEntity.created(location).body(new SharedFile(room, name.value(), content.length));
	}

	// GET /api/rooms/{room}/files/{filename}  ->  the raw bytes, as a download
	@GetMapping("/api/rooms/{room}/files/{filename}")
	ResponseEntity<byte[]> file(Caller caller, @PathVariable String room, @PathVariable String filename) {
		FileContent file = this.files.get(caller, room, new FileName(filename));
		return Downloads.of(file);
	}

	record RoomList(List<RoomSummary> rooms) {
	}

	record Members(String room, List<String> users) {
	}

	record ChatLine(@Nullable String message) {
	}

	/** A room message; system notices (joins, leaves) have {@value RoomMessagePosted#SYSTEM} as sender. */
	record Posted(String room, long seq, String username, String name, String message, Instant sentAt) {

		static Posted of(RoomMessagePosted posted) {
			return new Posted(posted.room(), posted.seq(), posted.senderUsername(), posted.senderName(), posted.text(),
					posted.sentAt());
		}

	}

	/** {@code next} is the after= of the following page; a short page is the last and has none. */
	record History(List<Posted> messages, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long next) {
	}

	record Files(List<FileInfo> files) {
	}

	record SharedFile(String room, String name, long size) {
	}

}
