package org.progjar.chat.file;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface StoredFileRepository extends JpaRepository<StoredFile, Long> {

	boolean existsByRecipientIdAndName(long recipientId, String name);

	Optional<StoredFile> findByRecipientIdAndName(long recipientId, String name);

	/** Names only: listing must not load every file's bytes. */
	@Query("select f.name from StoredFile f where f.recipientId = :recipientId order by f.id")
	List<String> findNamesByRecipientId(long recipientId);

}
