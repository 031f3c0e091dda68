package org.progjar.chat.file;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface StoredFileRepository extends JpaRepository<StoredFile, Long> {

	boolean existsByRecipientIdAndName(long recipientId, String name);

	Optional<StoredFile> findByRecipientIdAndName(long recipientId, String name);

	/** Without the bytes: listing must not load every file. */
	@Query("""
			select new org.progjar.chat.file.FileInfo(f.name, f.size, u.username, f.createdAt)
			from StoredFile f join User u on u.id = f.senderId
			where f.recipientId = :recipientId order by f.id""")
	List<FileInfo> findInfoByRecipientId(long recipientId);

}
