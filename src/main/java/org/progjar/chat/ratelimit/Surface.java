package org.progjar.chat.ratelimit;

/** The front door a request came through. */
public enum Surface {

	TCP, HTTP

}
