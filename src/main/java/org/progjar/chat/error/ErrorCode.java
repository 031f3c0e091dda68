package org.progjar.chat.error;

import org.springframework.http.HttpStatus;

/**
 * Every failure a client can see. The constant name is the stable wire {@code code} over TCP
 * and the problem {@code code} over HTTP; {@link #title()} is the protocol's {@code message}.
 */
public enum ErrorCode {

	// request shape
	UNKNOWN_COMMAND("Unknown command", HttpStatus.BAD_REQUEST),
	MISSING_PARAMETER("Missing parameter", HttpStatus.BAD_REQUEST),
	INVALID_PARAMETER("Invalid parameter", HttpStatus.BAD_REQUEST),
	MALFORMED_REQUEST("Malformed request", HttpStatus.BAD_REQUEST),
	MESSAGE_TOO_LARGE("Message too large", HttpStatus.CONTENT_TOO_LARGE),

	// identity
	INVALID_SESSION("Invalid session", HttpStatus.UNAUTHORIZED),
	BAD_CREDENTIALS("Bad credentials", HttpStatus.UNAUTHORIZED),
	USERNAME_TAKEN("Username taken", HttpStatus.CONFLICT),
	UNKNOWN_USER("Unknown user", HttpStatus.NOT_FOUND),

	// rooms
	NOT_IN_ROOM("Not in a room", HttpStatus.CONFLICT),
	NOT_A_MEMBER("Not a member", HttpStatus.FORBIDDEN),
	UNKNOWN_ROOM("Unknown room", HttpStatus.NOT_FOUND),

	// files
	FILE_EXISTS("File exists", HttpStatus.CONFLICT),
	FILE_NOT_FOUND("File not found", HttpStatus.NOT_FOUND),
	FILE_TOO_LARGE("File too large", HttpStatus.CONTENT_TOO_LARGE),

	// flood control and password guessing: the client is to wait (a retry-after hint goes with it)
	RATE_LIMITED("Too many requests", HttpStatus.TOO_MANY_REQUESTS),

	// HTTP only: requests that do not fit the API's shape
	NOT_FOUND("Not found", HttpStatus.NOT_FOUND),
	METHOD_NOT_ALLOWED("Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
	NOT_ACCEPTABLE("Not acceptable", HttpStatus.NOT_ACCEPTABLE),
	UNSUPPORTED_MEDIA_TYPE("Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),

	// TCP only: the server closes the connection right after these (SHUTTING_DOWN: soon after)
	TOO_MANY_CONNECTIONS("Too many connections", HttpStatus.SERVICE_UNAVAILABLE),
	LOGIN_TIMEOUT("Login timeout", HttpStatus.REQUEST_TIMEOUT),
	IDLE_TIMEOUT("Idle timeout", HttpStatus.REQUEST_TIMEOUT),
	SHUTTING_DOWN("Shutting down", HttpStatus.SERVICE_UNAVAILABLE),

	INTERNAL_ERROR("Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

	private final String title;

	private final HttpStatus status;

	ErrorCode(String title, HttpStatus status) {
		this.title = title;
		this.status = status;
	}

	public String title() {
		return this.title;
	}

	public HttpStatus status() {
		return this.status;
	}

	/** The code for a failure Spring MVC reports only by its HTTP status. */
	public static ErrorCode forStatus(int status) {
		return switch (status) {
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 413 -> MESSAGE_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			default -> (status >= 400 && status < 500) ? MALFORMED_REQUEST : INTERNAL_ERROR;
		};
	}

}
