package org.progjar.chat.file;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;

/** A stored file as an HTTP download, the same for direct and room files. */
public final class Downloads {

	private Downloads() {
	}

	public static ResponseEntity<byte[]> of(FileContent file) {
		MediaType type = MediaTypeFactory.getMediaType(file.name()).orElse(MediaType.APPLICATION_OCTET_STREAM);
		// filename* carries names beyond Latin-1; filename gets an ASCII stand-in.
		ContentDisposition disposition = ContentDisposition.attachment()
			.filename(file.name(), StandardCharsets.UTF_8)
			.build();
		// The type is only guessed from a name someone else chose: a browser must not sniff a better one.
		return ResponseEntity.ok().contentType(type).headers((headers) -> {
			headers.setContentDisposition(disposition);
			headers.set("X-Content-Type-Options", "nosniff");
		}).body(file.bytes());
	}

}
