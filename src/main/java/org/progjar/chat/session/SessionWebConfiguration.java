package org.progjar.chat.session;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class SessionWebConfiguration implements WebMvcConfigurer {

	private final SessionService sessions;

	SessionWebConfiguration(SessionService sessions) {
		this.sessions = sessions;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new BearerCallerResolver(this.sessions));
	}

}
