package dev.outpost.examples.backend.internal.store;

/** A database operation failed for a reason the request did not cause. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
