package org.progjar.chat.error;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every HTTP failure as an RFC 9457 problem ({@code application/problem+json}) that carries the
 * same stable {@code code} as the TCP error. Texts come from {@link ChatException}s or from
 * Spring's own generic wording, never from an exception's message, and never a stack trace.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	static final String CODE = "code";

	/** The same hint as the header, in the body, as TCP sends it. */
	static final String RETRY_AFTER = "retryAfter";

	@ExceptionHandler(ChatException.class)
	ResponseEntity<ProblemDetail> refused(ChatException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.code().status(), ex.detail());
		problem.setTitle(ex.code().title());
		problem.setProperty(CODE, ex.code().name());
		HttpHeaders headers = new HttpHeaders();
		if (ex.code().status().value() == 401) {
			headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		if (ex instanceof RateLimitedException limited) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
			problem.setProperty(RETRY_AFTER, limited.retryAfterSeconds());
		}
		return ResponseEntity.status(ex.code().status()).headers(headers).body(problem);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> failed(Exception ex) {
		log.error("Request failed", ex);
		ErrorCode code = ErrorCode.INTERNAL_ERROR;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), "The server could not complete the request");
		problem.setTitle(code.title());
		problem.setProperty(CODE, code.name());
		return ResponseEntity.status(code.status()).body(problem);
	}

	/** Spring MVC's own failures (bad JSON, wrong method, unknown path): add the code. */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			ErrorCode code = ErrorCode.forStatus(statusCode.value());
			problem.setProperty(CODE, code.name());
			problem.setTitle(code.title());
		}
		return response;
	}

}
