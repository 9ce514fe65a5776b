package dev.outpost.examples.backend;

import dev.outpost.examples.backend.internal.http.FaultAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Fault injection, changeable while the back end runs. Each rule matches requests by HTTP
 * method ({@code "*"} for any) and by a path pattern relative to the service root, without
 * the query ({@code *} matches any characters, e.g. {@code "WorkOrders*"} or {@code "$batch"}).
 * Rules see top-level requests and the requests inside a {@code $batch} alike: a failure that
 * hits a request in a change set fails and rolls back that change set. The first rule that
 * fires decides a request's fate; delays add up. Thread-safe.
 */
public final class Faults {

  private final List<Rule> rules = new ArrayList<>();

  Faults() {}

  /** Answers the {@code n}-th matching request (1 = the next) with 500, once. */
  public synchronized Faults failNth(String method, String pathPattern, int n) {
    rules.add(new Rule(method, pathPattern, n - 1, 1, new FaultAction(500, -1, 0, false)));
    return this;
  }

  /**
   * Answers the next {@code times} matching requests with {@code status} (503 or 429) and
   * {@code Retry-After: retryAfterSeconds}, without running them.
   */
  public synchronized Faults unavailable(String method, String pathPattern, int times, int status,
      int retryAfterSeconds) {
    if (status != 503 && status != 429) {
      throw new IllegalArgumentException("unavailable(...) answers 503 or 429, not " + status + ".");
    }
    rules.add(new Rule(method, pathPattern, 0, times, new FaultAction(status, retryAfterSeconds, 0, false)));
    return this;
  }

  /**
   * Runs and commits the next matching request, then drops the connection instead of sending
   * the response: the client cannot know the request succeeded. For a request inside a
   * {@code $batch}, the whole batch runs and the batch's connection is dropped.
   */
  public synchronized Faults dropConnectionAfterCommit(String method, String pathPattern) {
    rules.add(new Rule(method, pathPattern, 0, 1, new FaultAction(0, -1, 0, true)));
    return this;
  }

  /** Pauses every matching request by {@code delay} before it runs, until {@link #clear()}. */
  public synchronized Faults delay(String method, String pathPattern, Duration delay) {
    rules.add(new Rule(method, pathPattern, 0, Integer.MAX_VALUE, new FaultAction(0, -1, delay.toMillis(), false)));
    return this;
  }

  /** Removes every rule. */
  public synchronized void clear() {
    rules.clear();
  }

  synchronized FaultAction next(String method, String path) {
    long delay = 0;
    FaultAction decided = null;
    for (Rule rule : rules) {
      if (!rule.matches(method, path)) {
        continue;
      }
      FaultAction action = rule.fire();
      if (action == null) {
        continue;
      }
      delay += action.delayMillis();
      if (decided == null && (action.status() != 0 || action.dropConnection())) {
        decided = action;
      }
    }
    rules.removeIf(Rule::spent);
    FaultAction base = decided == null ? FaultAction.NONE : decided;
    return new FaultAction(base.status(), base.retryAfterSeconds(), delay, base.dropConnection());
  }

  private static final class Rule {
    private final String method;
    private final Pattern path;
    private final FaultAction action;
    private int skip;
    private int remaining;

    Rule(String method, String pathPattern, int skip, int times, FaultAction action) {
      if (skip < 0 || times < 1) {
        throw new IllegalArgumentException("A fault rule needs n >= 1 and times >= 1.");
      }
      this.method = method.toUpperCase(Locale.ROOT);
      this.path = Pattern.compile(String.join(".*", java.util.Arrays.stream(pathPattern.split("\\*", -1))
          .map(Pattern::quote).toList()));
      this.skip = skip;
      this.remaining = times;
      this.action = action;
    }

    boolean matches(String requestMethod, String requestPath) {
      return (method.equals("*") || method.equalsIgnoreCase(requestMethod)) && path.matcher(requestPath).matches();
    }

    FaultAction fire() {
      if (skip > 0) {
        skip--;
        return null;
      }
      remaining--;
      return action;
    }

    boolean spent() {
      return remaining <= 0;
    }
  }
}
