package org.progjar.chat.protocol;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Looks up the SSL bundles named in {@code chat.tcp.tls.*} among Spring Boot's
 * ({@code spring.ssl.bundle.*}); an unknown name stops the start-up, an empty one means
 * plaintext.
 */
@Component
class TcpTls {

	private final TcpTlsSettings settings;

	private final SslBundles bundles;

	TcpTls(TcpTlsSettings settings, SslBundles bundles) {
		this.settings = settings;
		this.bundles = bundles;
	}

	ListenerTls line() {
		return listener(this.settings.bundle());
	}

	ListenerTls legacy() {
		return listener(this.settings.legacyBundle());
	}

	private ListenerTls listener(@Nullable String bundleName) {
		SslBundle bundle = StringUtils.hasText(bundleName) ? this.bundles.getBundle(bundleName) : null;
		return new ListenerTls(bundle, this.settings.handshakeTimeout());
	}

}
