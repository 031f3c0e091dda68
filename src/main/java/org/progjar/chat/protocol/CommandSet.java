package org.progjar.chat.protocol;

import java.util.List;

/** A feature's commands; every bean of this type is added to the command table. */
public interface CommandSet {

	List<Command> commands();

}
