package org.progjar.chat.session;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.user.UserProfile;
import org.progjar.chat.user.UserService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Logins: opening a session with a password, resolving a token to its caller, logout and expiry. */
@Service
public class SessionService {

	private static final Logger log = LoggerFactory.getLogger(SessionService.class);

	private final SessionRepository sessions;

	private final UserService users;

	private final SessionSettings settings;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final Tokens tokens = new Tokens();

	SessionService(SessionRepository sessions, UserService users, SessionSettings settings,
			ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
		this.sessions = sessions;
		this.users = users;
		this.settings = settings;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** @return the new session's token: the only time it exists outside the client */
	public String login(String username, String password) {
		UserProfile user = this.users.checkPassword(username, password);
		String token = this.tokens.newToken();
		this.sessions.save(new Session(Tokens.hash(token), user.id(), this.clock.instant()));
		log.info("User {} logged in", user.username());
		return token;
	}

	public Caller authenticate(String token) {
		Session session = this.transaction.execute((status) -> {
			Session found = this.sessions.findByTokenHash(Tokens.hash(token)).orElse(null);
			Instant now = this.clock.instant();
			if (found == null || found.isExpired(now, this.settings.idleTimeout())) {
				return null;
			}
			found.touch(now, this.settings.idleTimeout());
			return found;
		});
		if (session == null) {
			throw new ChatException(ErrorCode.INVALID_SESSION, "Unknown or expired session; log in again");
		}
		UserProfile user = this.users.get(session.getUserId());
		return new Caller(session.getId(), user.id(), user.username(), user.displayName());
	}

	/** Sessions that are logged in and not idle past the timeout (expired ones linger until purged). */
	public long countActive() {
		return this.sessions.countByLastSeenAtGreaterThanEqual(this.clock.instant().minus(this.settings.idleTimeout()));
	}

	public void logout(Caller caller) {
		end(caller);
		log.info("User {} logged out", caller.username());
	}

	void purgeExpired() {
		Instant cutoff = this.clock.instant().minus(this.settings.idleTimeout());
		var expired = this.sessions.findIdsIdleSince(cutoff);
		for (Long id : expired) {
			this.sessions.findById(id).ifPresent((session) -> {
				UserProfile user = this.users.get(session.getUserId());
				end(new Caller(session.getId(), user.id(), user.username(), user.displayName()));
			});
		}
		if (!expired.isEmpty()) {
			log.info("Expired {} idle sessions", expired.size());
		}
	}

	private void end(Caller caller) {
		this.events.publishEvent(new SessionEnding(caller));
		this.sessions.deleteById(caller.sessionId());
	}

}
