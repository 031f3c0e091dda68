package org.progjar.chat.ratelimit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class RateLimitWebConfiguration implements WebMvcConfigurer {

	private final RateLimiter limiter;

	RateLimitWebConfiguration(RateLimiter limiter) {
		this.limiter = limiter;
	}

	/** The REST API; Swagger UI, the OpenAPI document and the actuator are left alone. */
	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new RateLimitInterceptor(this.limiter)).addPathPatterns("/api/**");
	}

}
