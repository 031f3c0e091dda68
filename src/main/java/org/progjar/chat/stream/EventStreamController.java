package org.progjar.chat.stream;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.session.Caller;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class EventStreamController {

	private final EventStreams streams;

	EventStreamController(EventStreams streams) {
		this.streams = streams;
	}

	// GET /api/events  [Last-Event-ID: ID]  ->  text/event-stream of
	//   event: room       {"room":R|null}   the room the stream follows (first event of a fresh stream)
	//   event: message    a direct message to the caller, as GET /api/messages shows it stored
	//   event: broadcast  a room message or join/leave notice, the JSON a TCP member receives
	// Every event's id is the cursor after it; send the last one back as Last-Event-ID to resume.
	@GetMapping(path = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	ResponseEntity<SseEmitter> events(Caller caller,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		StreamCursor resumeFrom = (lastEventId != null && !lastEventId.isBlank()) ? StreamCursor.parse(lastEventId)
				: null;
		// nginx holds responses back unless told not to, and a buffered stream is no stream.
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header("X-Accel-Buffering", "no")
			.body(this.streams.open(caller, resumeFrom));
	}

}
