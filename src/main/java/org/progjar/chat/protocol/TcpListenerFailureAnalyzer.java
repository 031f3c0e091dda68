package org.progjar.chat.protocol;

import java.net.BindException;

import org.progjar.chat.protocol.TcpListenersStarted.TcpListenerStartException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says which TCP port could not be used and what to do, as Spring Boot says for the web server's. */
class TcpListenerFailureAnalyzer extends AbstractFailureAnalyzer<TcpListenerStartException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TcpListenerStartException cause) {
		String action = (cause.getCause() instanceof BindException)
				? "Stop the process that uses port " + cause.port() + ", or set " + cause.property()
						+ " to another port (and chat.tcp.host, if the address is the problem)."
				: "Check the error logged before this one for the reason.";
		return new FailureAnalysis(cause.getMessage(), action, cause);
	}

}
