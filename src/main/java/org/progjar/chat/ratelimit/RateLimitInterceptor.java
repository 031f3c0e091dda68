package org.progjar.chat.ratelimit;

import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.progjar.chat.session.BearerToken;
import org.progjar.chat.session.Caller;
import org.progjar.chat.session.TokenHash;
import org.progjar.chat.support.ClientAddress;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Flood control for the REST API, before any handler runs. An endpoint that takes a
 * {@link Caller} counts against the session of its bearer token; every other one (register,
 * login), and one called without a token, against the client's address. So a made-up token on
 * the login endpoint buys no fresh bucket.
 */
final class RateLimitInterceptor implements HandlerInterceptor {

	private final RateLimiter limiter;

	RateLimitInterceptor(RateLimiter limiter) {
		this.limiter = limiter;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		RateKey holder = holder(request, method);
		this.limiter.check(Surface.HTTP, Scope.COMMANDS, holder);
		if (method.hasMethodAnnotation(CountedAsMessage.class)) {
			this.limiter.check(Surface.HTTP, Scope.MESSAGES, holder);
		}
		return true;
	}

	private static RateKey holder(HttpServletRequest request, HandlerMethod method) {
		String token = BearerToken.from(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (token != null && takesCaller(method)) {
			return RateKey.session(TokenHash.of(token));
		}
		return RateKey.address(ClientAddress.of(request.getRemoteAddr()));
	}

	private static boolean takesCaller(HandlerMethod method) {
		return Arrays.stream(method.getMethodParameters()).anyMatch((parameter) -> parameter.getParameterType() == Caller.class);
	}

}
