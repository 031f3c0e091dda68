package org.progjar.chat.file;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxSize largest file accepted, for direct and room files */
@ConfigurationProperties("chat.files")
public record FileSettings(@DefaultValue("10MB") DataSize maxSize) {

	public void checkSize(byte[] content) {
		if (content.length > this.maxSize.toBytes()) {
			throw new ChatException(ErrorCode.FILE_TOO_LARGE,
					"A file is at most " + this.maxSize.toBytes() + " bytes; this one has " + content.length);
		}
	}

}
