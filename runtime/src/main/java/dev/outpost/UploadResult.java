package dev.outpost;

import java.time.Duration;

/**
 * What an upload did (S6). An upload succeeds as a whole unless the back end could not be
 * reached; requests it rejected are {@code failed} and wait in the error archive, requests that
 * depend on a failed one are {@code notSent}.
 *
 * @param succeeded queued requests the back end applied (combined ones count each)
 * @param failed requests the back end rejected
 * @param notSent requests held back because they depend on a failed request
 * @param optimizedAway requests removed by queue optimisation or undo local creation
 * @param roundTrips HTTP requests made (batches, CSRF token fetches and checks after an unknown outcome)
 * @param duration how long it took
 */
public record UploadResult(long succeeded, long failed, long notSent, long optimizedAway, long roundTrips,
                           Duration duration) {
}
