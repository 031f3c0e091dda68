package org.progjar.chat.session;

import org.jspecify.annotations.Nullable;

import org.progjar.chat.error.ChatException;
import org.progjar.chat.error.ErrorCode;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller method its {@link Caller} from {@code Authorization: Bearer <token>}: the
 * same token that {@code auth} returns over TCP. A missing or bad token is a 401.
 */
final class BearerCallerResolver implements HandlerMethodArgumentResolver {

	private final SessionService sessions;

	BearerCallerResolver(SessionService sessions) {
		this.sessions = sessions;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Caller.class;
	}

	@Override
	public Caller resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
		String token = BearerToken.from(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (token == null) {
			throw new ChatException(ErrorCode.INVALID_SESSION,
					"Send the token from POST /api/sessions as 'Authorization: Bearer <token>'");
		}
		return this.sessions.authenticate(token);
	}

}
