package org.progjar.chat.session;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * For tests outside this package: makes a user's sessions expire now, as they would after idling
 * past the timeout. Their last use moves back two days (beyond any idle timeout a test uses), and
 * the scheduled purge runs at once, as it would within its interval: it ends them (leaving their
 * rooms, ending their streams) and forgets them, in memory as well.
 */
public final class SessionAging {

	private SessionAging() {
	}

	/** @return how many sessions expired */
	public static int expireSessionsOf(ApplicationContext context, String username) {
		int aged = context.getBean(JdbcTemplate.class)
			.update("update sessions set last_seen_at = ? where user_id = (select id from users where username = ?)",
					OffsetDateTime.now(ZoneOffset.UTC).minus(Duration.ofDays(2)), username);
		context.getBean(SessionService.class).purgeExpired();
		return aged;
	}

}
