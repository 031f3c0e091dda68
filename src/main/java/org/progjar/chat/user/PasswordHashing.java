package org.progjar.chat.user;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PasswordHashing {

	@Bean
	PasswordEncoder passwordEncoder(UserSettings settings) {
		return new BCryptPasswordEncoder(settings.passwordHashStrength());
	}

}
