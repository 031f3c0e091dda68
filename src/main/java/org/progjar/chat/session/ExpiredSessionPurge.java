package org.progjar.chat.session;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Logs out idle sessions on a schedule, so that they also leave their rooms. */
@Component
class ExpiredSessionPurge implements SchedulingConfigurer {

	private final SessionService sessions;

	private final SessionSettings settings;

	ExpiredSessionPurge(SessionService sessions, SessionSettings settings) {
		this.sessions = sessions;
		this.settings = settings;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this.sessions::purgeExpired, this.settings.purgeInterval());
	}

}
