package org.progjar.chat.file;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.progjar.chat.session.Caller;
import org.progjar.chat.user.UserProfile;
import org.progjar.chat.user.UserService;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/** Files sent from one user to another, kept for the recipient under a name unique to them. */
@Service
public class FileService {

	private static final Logger log = LoggerFactory.getLogger(FileService.class);

	private final StoredFileRepository files;

	private final UserService users;

	private final FileSettings settings;

	private final Clock clock;

	FileService(StoredFileRepository files, UserService users, FileSettings settings, Clock clock) {
		this.files = files;
		this.users = users;
		this.settings = settings;
		this.clock = clock;
	}

	public void send(Caller caller, String recipientUsername, FileName name, byte[] content) {
		UserProfile recipient = this.users.find(recipientUsername);
		this.settings.checkSize(content);
		if (this.files.existsByRecipientIdAndName(recipient.id(), name.value())) {
			throw fileExists(name);
		}
		try {
			this.files.saveAndFlush(new StoredFile(recipient.id(), caller.userId(), name, content, this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			throw fileExists(name);
		}
		log.info("User {} sent a file of {} bytes to {}", caller.username(), content.length, recipient.username());
	}

	public List<FileInfo> list(Caller caller) {
		return this.files.findInfoByRecipientId(caller.userId());
	}

	public FileContent get(Caller caller, FileName name) {
		return this.files.findByRecipientIdAndName(caller.userId(), name.value())
			.map(StoredFile::toContent)
			.orElseThrow(() -> new ChatException(ErrorCode.FILE_NOT_FOUND, "No file [" + name.value() + "] for you"));
	}

	private static ChatException fileExists(FileName name) {
		return new ChatException(ErrorCode.FILE_EXISTS, "A file named [" + name.value() + "] was already sent to that user");
	}

}
