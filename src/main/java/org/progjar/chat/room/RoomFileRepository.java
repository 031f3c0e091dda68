package org.progjar.chat.room;

import java.util.List;
import java.util.Optional;

import org.progjar.chat.file.FileInfo;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface RoomFileRepository extends JpaRepository<RoomFile, Long> {

	boolean existsByRoomIdAndName(long roomId, String name);

	Optional<RoomFile> findByRoomIdAndName(long roomId, String name);

	/** Without the bytes: listing must not load every file. */
	@Query("""
			select new org.progjar.chat.file.FileInfo(f.name, f.size, u.username, f.createdAt)
			from RoomFile f join User u on u.id = f.senderId
			where f.roomId = :roomId order by f.id""")
	List<FileInfo> findInfoByRoomId(long roomId);

}
