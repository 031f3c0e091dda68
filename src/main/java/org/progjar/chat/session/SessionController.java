package org.progjar.chat.session;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.support.ClientAddress;
import org.progjar.chat.support.Parameters;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The REST twin of {@link SessionCommands}: the token is the same one TCP {@code auth} returns. */
@RestController
class SessionController {

	private final SessionService sessions;

	SessionController(SessionService sessions) {
		this.sessions = sessions;
	}

	// POST /api/sessions {"username","password"}  ->  201 {"token"}
	@PostMapping("/api/sessions")
	@ResponseStatus(HttpStatus.CREATED) // what the ResponseEntity sends too; stated for the API docs
	ResponseEntity<NewSession> login(@RequestBody Login body, HttpServletRequest request) {
		String token = this.sessions.login(Parameters.required("username", body.username()),
				Parameters.required("password", body.password()), ClientAddress.of(request.getRemoteAddr()));
		// A bearer token must not be kept by a cache on the way (RFC 6749, 5.1).
		return ResponseEntity.status(HttpStatus.CREATED)
			.cacheControl(CacheControl.noStore())
			.body(new NewSession(token));
	}

	// DELETE /api/sessions/current  (Authorization: Bearer T)  ->  204
	@DeleteMapping("/api/sessions/current")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(Caller caller) {
		this.sessions.logout(caller);
	}

	record Login(@Nullable String username, @Nullable String password) {
	}

	record NewSession(String token) {
	}

}
