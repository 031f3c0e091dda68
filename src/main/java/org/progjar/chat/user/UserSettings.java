package org.progjar.chat.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param minPasswordLength shortest password accepted at registration
 * @param passwordHashStrength BCrypt log2 cost; each step doubles the time of a login
 * @param cacheSize profiles kept in memory for look-ups
 */
@ConfigurationProperties("chat.users")
public record UserSettings(@DefaultValue("8") int minPasswordLength, @DefaultValue("10") int passwordHashStrength,
		@DefaultValue("100000") int cacheSize) {
}
