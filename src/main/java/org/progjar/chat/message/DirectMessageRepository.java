package org.progjar.chat.message;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface DirectMessageRepository extends JpaRepository<DirectMessage, Long> {

	List<DirectMessage> findByRecipientIdAndDeliveredAtIsNullOrderById(long recipientId, Limit limit);

}
