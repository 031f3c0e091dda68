package org.progjar.chat.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param idleTimeout a session unused for this long is logged out */
@ConfigurationProperties("chat.sessions")
public record SessionSettings(@DefaultValue("24h") Duration idleTimeout) {
}
