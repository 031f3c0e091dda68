package org.progjar.chat.file;

import java.io.IOException;
import java.io.InputStream;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxSize largest file accepted, for direct and room files */
@ConfigurationProperties("chat.files")
public record FileSettings(@DefaultValue("10MB") DataSize maxSize) {

	/** Reads an upload, but never more than one byte past the limit: a bigger body is refused, not buffered. */
	public byte[] readUpload(InputStream body) throws IOException {
		byte[] content = body.readNBytes(Math.toIntExact(Math.min(this.maxSize.toBytes() + 1, Integer.MAX_VALUE - 8)));
		checkSize(content);
		return content;
	}

	public void checkSize(byte[] content) {
		if (content.length > this.maxSize.toBytes()) {
			throw new ChatException(ErrorCode.FILE_TOO_LARGE,
					"A file is at most " + this.maxSize.toBytes() + " bytes");
		}
	}

}
