package org.progjar.chat.protocol;

import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Looks up the SSL bundles named in {@code chat.tcp.tls.*} among Spring Boot's
 * ({@code spring.ssl.bundle.*}); an unknown name stops the start-up, an empty one means
 * plaintext.
 * <p>
 * A listener's server socket keeps the {@code SSLContext} it was made with: swapping it would
 * mean restarting the listener, which drops every connected client. So a bundle that reloads
 * ({@code reload-on-update}, for HTTP) renews the TCP certificate only at the next start, and
 * the update is logged as a warning so that the restart is not forgotten.
 */
@Component
class TcpTls {

	private static final Logger log = LoggerFactory.getLogger(TcpTls.class);

	private final TcpTlsSettings settings;

	private final SslBundles bundles;

	TcpTls(TcpTlsSettings settings, SslBundles bundles) {
		this.settings = settings;
		this.bundles = bundles;
		Stream.of(settings.bundle(), settings.legacyBundle())
			.filter(StringUtils::hasText)
			.distinct()
			.forEach((name) -> bundles.addBundleUpdateHandler(name, (updated) -> log.warn(
					"SSL bundle '{}' changed; the TCP listeners serve the new certificate after a restart", name)));
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
