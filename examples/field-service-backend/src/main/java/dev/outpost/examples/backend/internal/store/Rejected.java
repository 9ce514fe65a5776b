package dev.outpost.examples.backend.internal.store;

/** A request the back end refuses, with the HTTP status to answer and a message that says why. */
public final class Rejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public Rejected(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
