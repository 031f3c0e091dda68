package org.progjar.chat.room;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.room.RoomDirectory.RoomRef;
import org.progjar.chat.session.Caller;
import org.progjar.chat.user.UserProfile;
import org.progjar.chat.user.UserService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the token belongs to and where its session is. It lives with the rooms because the
 * current room is theirs to know; the user's own details come from the user module.
 */
@RestController
class MeController {

	private final UserService users;

	private final RoomDirectory directory;

	MeController(UserService users, RoomDirectory directory) {
		this.users = users;
		this.directory = directory;
	}

	// GET /api/me  ->  {"username","name","nationality","room"}, room null outside rooms
	@GetMapping("/api/me")
	Me me(Caller caller) {
		UserProfile user = this.users.get(caller.userId());
		String room = this.directory.currentRoom(caller).map(RoomRef::name).orElse(null);
		return new Me(user.username(), user.displayName(), user.nationality(), room);
	}

	record Me(String username, String name, String nationality, @Nullable String room) {
	}

}
