package dev.outpost.examples.backend.internal.http;

/**
 * What fault injection does to one request.
 *
 * @param status a status to answer instead of running the request, or 0 to run it
 * @param retryAfterSeconds the Retry-After header with {@code status}, or -1 for none
 * @param delayMillis a pause before the request runs
 * @param dropConnection whether to run the request, commit, and drop the connection instead of answering
 */
public record FaultAction(int status, int retryAfterSeconds, long delayMillis, boolean dropConnection) {

  /** Nothing happens to the request. */
  public static final FaultAction NONE = new FaultAction(0, -1, 0, false);

  /** Decides the fault for each request by method and path relative to the service root. */
  @FunctionalInterface
  public interface Source {
    FaultAction next(String method, String path);
  }
}
