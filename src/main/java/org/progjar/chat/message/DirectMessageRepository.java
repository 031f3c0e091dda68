package org.progjar.chat.message;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DirectMessageRepository extends JpaRepository<DirectMessage, Long> {

	/** Rows of recipient id and how many messages wait for them. */
	@Query(nativeQuery = true,
			value = "select recipient_id, count(*) from undelivered_messages group by recipient_id")
	List<Object[]> countUndeliveredByRecipient();

	/**
	 * What one user sent another, newest first, below an id. Ordered as the pair index is, so
	 * that H2 reads the page from the index and stops at the limit; asked for both directions
	 * at once (an {@code or}), it walked the whole table back from the id instead.
	 */
	@Query("""
			select m from DirectMessage m
			where m.senderId = :senderId and m.recipientId = :recipientId and m.id < :beforeId
			order by m.senderId desc, m.recipientId desc, m.id desc""")
	List<DirectMessage> findSent(long senderId, long recipientId, long beforeId, Limit limit);

	/*
	 * The two below are ordered by recipient too, which changes nothing in their results: so
	 * ordered, H2 reads direct_messages_recipient_ix in its order and stops at the limit; ordered
	 * by id alone, it read all of the recipient's messages and sorted them (see the V7 migration).
	 */

	List<DirectMessage> findByRecipientIdAndIdGreaterThanOrderByRecipientIdAscIdAsc(long recipientId, long afterId,
			Limit limit);

	Optional<DirectMessage> findFirstByRecipientIdOrderByRecipientIdDescIdDesc(long recipientId);

}
