package org.progjar.chat.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param idleTimeout a session unused for this long is logged out
 * @param purgeInterval how often expired sessions are removed (and leave their rooms)
 * @param cacheSize sessions kept in memory for resolving tokens; more are read from the database
 */
@ConfigurationProperties("chat.sessions")
public record SessionSettings(@DefaultValue("24h") Duration idleTimeout, @DefaultValue("10m") Duration purgeInterval,
		@DefaultValue("100000") int cacheSize) {
}
