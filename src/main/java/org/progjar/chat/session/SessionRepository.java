package org.progjar.chat.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface SessionRepository extends JpaRepository<Session, Long> {

	Optional<Session> findByTokenHash(byte[] tokenHash);

	@Transactional
	@Modifying
	@Query("update Session s set s.lastSeenAt = :seen where s.id = :id")
	void touch(long id, Instant seen);

	@Query("select s.id from Session s where s.lastSeenAt < :cutoff")
	List<Long> findIdsIdleSince(Instant cutoff);

	long countByLastSeenAtGreaterThanEqual(Instant cutoff);

}
