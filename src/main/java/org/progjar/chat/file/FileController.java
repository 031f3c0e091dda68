package org.progjar.chat.file;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.progjar.chat.ratelimit.CountedAsMessage;
import org.progjar.chat.session.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The REST twin of {@link FileCommands}: file bodies travel as raw bytes, not base64. */
@RestController
class FileController {

	private final FileService files;

	private final FileSettings settings;

	FileController(FileService files, FileSettings settings) {
		this.files = files;
		this.settings = settings;
	}

	// PUT /api/users/{username}/files/{filename}  raw body  ->  201 {"name","size"}
	// Not for form content: Spring's form filter would have read that body as parameters already.
	@PutMapping(path = "/api/users/{username}/files/{filename}",
			consumes = "!" + MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@CountedAsMessage
	@ResponseStatus(HttpStatus.CREATED)
	SentFile send(Caller caller, @PathVariable String username, @PathVariable String filename,
			HttpServletRequest request) throws IOException {
		FileName name = new FileName(filename);
		byte[] content = this.settings.readUpload(request.getInputStream());
		this.files.send(caller, username, name, content);
		return new SentFile(name.value(), content.length);
	}

	// GET /api/files  ->  {"files":[{"name","size","from","sentAt"}]}
	@GetMapping("/api/files")
	Files list(Caller caller) {
		return new Files(this.files.list(caller));
	}

	// GET /api/files/{filename}  ->  the raw bytes, as a download
	@GetMapping("/api/files/{filename}")
	ResponseEntity<byte[]> get(Caller caller, @PathVariable String filename) {
		FileContent file = this.files.get(caller, new FileName(filename));
		return Downloads.of(file);
	}

	record SentFile(String name, long size) {
	}

	record Files(List<FileInfo> files) {
	}

}
