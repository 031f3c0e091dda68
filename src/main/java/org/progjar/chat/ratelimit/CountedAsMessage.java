package org.progjar.chat.ratelimit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a REST handler method: the request delivers something to other people, so it takes from the
 * stricter {@link Scope#MESSAGES} bucket too. The TCP twin is {@code Command#countedAsMessage()}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CountedAsMessage {
}
