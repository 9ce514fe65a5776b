package dev.outpost.examples.backend.internal.http;

/** The delay of fault injection. */
final class Pause {

  private Pause() {}

  static void of(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
