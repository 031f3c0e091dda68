package org.progjar.chat.message;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DirectMessageRepository extends JpaRepository<DirectMessage, Long> {

	/** Rows of recipient id and how many messages wait for them. */
	@Query(nativeQuery = true,
			value = "select recipient_id, count(*) from direct_messages where delivered_at is null group by recipient_id")
	List<Object[]> countUndeliveredByRecipient();

	/** Both directions between two users, newest first, below an id. */
	@Query("""
			select m from DirectMessage m
			where ((m.senderId = :a and m.recipientId = :b) or (m.senderId = :b and m.recipientId = :a))
			and m.id < :beforeId order by m.id desc""")
	List<DirectMessage> findConversation(long a, long b, long beforeId, Limit limit);

	List<DirectMessage> findByRecipientIdAndIdGreaterThanOrderById(long recipientId, long afterId, Limit limit);

	Optional<DirectMessage> findFirstByRecipientIdOrderByIdDesc(long recipientId);

}
