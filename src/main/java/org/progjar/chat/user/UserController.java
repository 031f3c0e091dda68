package org.progjar.chat.user;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.session.Caller;
import org.progjar.chat.support.Parameters;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.ResponseStatus;
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
	@ResponseStatus(HttpStatus.CREATED) // what the ResponseEntity sends too; stated for the API docs
	ResponseEntity<UserView> register(@RequestBody Registration body) {
		UserProfile user = this.users.register(Parameters.required("username", body.username()),
				Parameters.required("password", body.password()), Parameters.required("name", body.name()),
				Parameters.required("nationality", body.nationality()));
		URI location = UriComponentsBuilder.fromPath("/api/users/{username}").build(user.username());
		return ResponseEntity.created(location).body(UserView.of(user));
	}

	record Registration(@Nullable String username, @Nullable String password, @Nullable String name,
			@Nullable String nationality) {
	}

	// GET /api/users/{username}  ->  the public profile (where POST /api/users points)
	@GetMapping("/api/users/{username}")
	UserView profile(Caller caller, @PathVariable String username) {
		return UserView.of(this.users.find(username));
	}

	/** The keys TCP {@code register} answers with. */
	record UserView(String username, String name, String nationality) {

		static UserView of(UserProfile user) {
			return new UserView(user.username(), user.displayName(), user.nationality());
		}

	}

}
