package org.progjar.chat.support;

import java.util.List;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

/**
 * One page of a history and where the next one starts. A full page has a {@code next} cursor
 * (the last item's id or number); a shorter page is the last one and has none.
 * @param items the page, in the history's order
 * @param next the cursor for the following page, or null after the last page
 * @param <T> what the history holds
 */
public record Paged<T>(List<T> items, @Nullable Long next) {

	public static <T> Paged<T> of(List<T> items, int pageSize, ToLongFunction<T> cursor) {
		Long next = (!items.isEmpty() && items.size() == pageSize) ? cursor.applyAsLong(items.getLast()) : null;
		return new Paged<>(items, next);
	}

}
