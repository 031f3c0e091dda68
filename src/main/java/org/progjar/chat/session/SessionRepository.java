package org.progjar.chat.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SessionRepository extends JpaRepository<Session, Long> {

	Optional<Session> findByTokenHash(byte[] tokenHash);

	@Query("select s.id from Session s where s.lastSeenAt < :cutoff")
	List<Long> findIdsIdleSince(Instant cutoff);

	long countByLastSeenAtGreaterThanEqual(Instant cutoff);

}
