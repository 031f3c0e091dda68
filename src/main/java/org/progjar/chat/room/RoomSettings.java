package org.progjar.chat.room;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param maxNameLength longest room name, in characters (at most 64, the column size) */
@ConfigurationProperties("chat.rooms")
public record RoomSettings(@DefaultValue("64") int maxNameLength) {

	public RoomSettings {
		if (maxNameLength < 1 || maxNameLength > 64) {
			throw new IllegalArgumentException("chat.rooms.max-name-length must be 1 to 64");
		}
	}

}
