package org.progjar.chat.room;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * A TCP membership lasts as long as the connection that made it, and no connection survives a
 * restart: so such memberships left in the database by a crash are ghosts. They are cleared
 * after the beans exist and before the listeners start taking connections. HTTP memberships
 * stay.
 */
@Component
class StaleMembershipReset implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(StaleMembershipReset.class);

	private final RoomMemberRepository members;

	StaleMembershipReset(RoomMemberRepository members) {
		this.members = members;
	}

	@Override
	public void afterSingletonsInstantiated() {
		int stale = this.members.deleteConnectionBound();
		if (stale > 0) {
			log.info("Cleared {} room memberships whose connections ended with the previous run", stale);
		}
	}

}
