package org.progjar.chat.protocol;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Replies as compact UTF-8 JSON; the framing adds the line end or the blocks per listener. */
@Component
class ReplyEncoder {

	private final JsonMapper json;

	ReplyEncoder(JsonMapper json) {
		this.json = json;
	}

	byte[] encode(Reply reply) {
		return this.json.writeValueAsBytes(reply.fields());
	}

}
