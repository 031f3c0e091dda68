package org.progjar.chat.storage;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value that lives as long as the current transaction: made on first use inside it, seen by
 * everything that runs in it, and handed to {@code onCompletion} (with whether it committed) when
 * it ends. For state that follows the database inside a group-commit batch without a query each
 * time: what a batch changes in memory, or what it has already looked up. {@code beforeCommit}
 * may write what the batch gathered, once, still inside the transaction.
 * @param <T> the value
 */
public final class TransactionScoped<T> {

	private final Supplier<T> create;

	private final Consumer<T> beforeCommit;

	private final BiConsumer<T, Boolean> onCompletion;

	public TransactionScoped(Supplier<T> create, BiConsumer<T, Boolean> onCompletion) {
		this(create, (value) -> {
		}, onCompletion);
	}

	public TransactionScoped(Supplier<T> create, Consumer<T> beforeCommit, BiConsumer<T, Boolean> onCompletion) {
		this.create = create;
		this.beforeCommit = beforeCommit;
		this.onCompletion = onCompletion;
	}

	/** The current transaction's value, made now if this is its first use. */
	public T get() {
		T value = peek();
		if (value != null) {
			return value;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("Only inside a transaction");
		}
		T created = this.create.get();
		TransactionSynchronizationManager.bindResource(this, created);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void beforeCommit(boolean readOnly) {
				TransactionScoped.this.beforeCommit.accept(created);
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResource(TransactionScoped.this);
				TransactionScoped.this.onCompletion.accept(created, status == STATUS_COMMITTED);
			}
		});
		return created;
	}

	/** The current transaction's value if it has one yet (never outside a transaction). */
	public @Nullable T peek() {
		@SuppressWarnings("unchecked")
		T value = (T) TransactionSynchronizationManager.getResource(this);
		return value;
	}

}
