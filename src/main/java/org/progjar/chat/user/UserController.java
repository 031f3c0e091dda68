package org.progjar.chat.user;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** The REST twin of {@link UserCommands}. */
@RestController
class UserController {

	private final UserService users;

	UserController(UserService users) {
		this.users = users;
	}

	// POST /api/users {"username","password","name","nationality"}  ->  201 the profile, never the password
	@PostMapping("/api/users")
	ResponseEntity<UserView> register(@RequestBody Registration body) {
		UserProfile user = this.users.register(required("username", body.username()),
				required("password", body.password()), required("name", body.name()),
				required("nationality", body.nationality()));
		URI location = UriComponentsBuilder.fromPath("/api/users/{username}").build(user.username());
		return ResponseEntity.created(location).body(UserView.of(user));
	}

	/** Absent and empty are the same refusal, as a missing TCP parameter is. */
	private static String required(String field, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			throw new ChatException(ErrorCode.MISSING_PARAMETER, "Field [" + field + "] is required");
		}
		return value;
	}

	record Registration(@Nullable String username, @Nullable String password, @Nullable String name,
			@Nullable String nationality) {
	}

	/** The keys TCP {@code register} answers with. */
	record UserView(String username, String name, String nationality) {

		static UserView of(UserProfile user) {
			return new UserView(user.username(), user.displayName(), user.nationality());
		}

	}

}
