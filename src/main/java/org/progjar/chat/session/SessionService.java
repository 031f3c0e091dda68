package org.progjar.chat.session;

import java.time.Clock;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.support.ClientAddress;
import org.progjar.chat.user.UserProfile;
import org.progjar.chat.user.UserService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Logins: opening a session with a password, resolving a token to its caller, logout and expiry.
 * Sessions in use are kept in memory by the hash of their token, so resolving one is a hash and a
 * map look-up; one that ends leaves memory after its row is deleted, so it cannot come back.
 */
@Service
public class SessionService {

	private static final Logger log = LoggerFactory.getLogger(SessionService.class);

	private final SessionRepository sessions;

	private final UserService users;

	private final SessionSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final LoginThrottle throttle;

	private final Tokens tokens = new Tokens();

	private final Cache<TokenHash, LiveSession> live;

	SessionService(SessionRepository sessions, UserService users, SessionSettings settings,
			ApplicationEventPublisher events, Clock clock, LoginThrottle throttle) {
		this.sessions = sessions;
		this.users = users;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
		this.throttle = throttle;
		this.live = Caffeine.newBuilder()
			.maximumSize(settings.cacheSize())
			.expireAfterAccess(settings.idleTimeout())
			.build();
	}

	/**
	 * Checks the password, unless {@code from} has failed too often lately (see
	 * {@link LoginThrottleSettings}): then the attempt is refused without a check.
	 * @return the new session's token: the only time it exists outside the client
	 */
	public String login(String username, String password, ClientAddress from) {
		LoginThrottle.Attempt attempt = this.throttle.begin(username, from);
		UserProfile user = this.users.checkPassword(username, password);
		attempt.succeeded();
		String token = this.tokens.newToken();
		byte[] hash = Tokens.hash(token);
		Instant now = this.clock.instant();
		Session session = this.sessions.save(new Session(hash, user.id(), now));
		this.live.put(TokenHash.of(hash), new LiveSession(caller(session.getId(), user), now));
		log.info("User {} logged in", user.username());
		return token;
	}

	public Caller authenticate(String token) {
		return authenticate(TokenHash.of(token));
	}

	/** As {@link #authenticate(String)}, for a caller that has hashed the token already. */
	public Caller authenticate(TokenHash token) {
		LiveSession session = this.live.get(token, (key) -> load(key.bytes()));
		Instant now = this.clock.instant();
		if (session == null || session.isExpired(now, this.settings.idleTimeout())) {
			throw new ChatException(ErrorCode.INVALID_SESSION, "Unknown or expired session; log in again");
		}
		if (session.touch(now, this.settings.idleTimeout())) {
			this.sessions.touch(session.caller().sessionId(), now);
		}
		return session.caller();
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
			this.sessions.findById(id)
				.ifPresent((session) -> end(caller(session.getId(), this.users.get(session.getUserId()))));
		}
		if (!expired.isEmpty()) {
			log.info("Expired {} idle sessions", expired.size());
		}
	}

	private void end(Caller caller) {
		this.events.publishEvent(new SessionEnding(caller));
		this.sessions.findById(caller.sessionId()).ifPresent((session) -> {
			this.sessions.delete(session);
			this.live.invalidate(TokenHash.of(session.getTokenHash()));
		});
	}

	private @Nullable LiveSession load(byte[] hash) {
		return this.sessions.findByTokenHash(hash)
			.map((session) -> new LiveSession(caller(session.getId(), this.users.get(session.getUserId())),
					session.getLastSeenAt()))
			.orElse(null);
	}

	private static Caller caller(long sessionId, UserProfile user) {
		return new Caller(sessionId, user.id(), user.username(), user.displayName());
	}

}
