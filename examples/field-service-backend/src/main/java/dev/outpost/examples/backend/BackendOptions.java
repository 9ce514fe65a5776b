package dev.outpost.examples.backend;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link FieldServiceBackend} behaves, fixed at start-up. Immutable: every {@code with}
 * method returns a changed copy. {@link #defaults()} is a well-behaved OData v4 service: delta
 * links, repeatable requests and $batch on, 1,000 entities per page, absolute links, 409 for a
 * duplicate key, no CSRF token and no authentication required, an ephemeral port and a
 * temporary database file.
 */
public final class BackendOptions {

  private final int port;
  private final Path databaseFile;
  private final boolean delta;
  private final boolean repeatability;
  private final boolean batch;
  private final int pageSize;
  private final boolean relativeLinks;
  private final int duplicateKeyStatus;
  private final boolean csrfRequired;
  private final String user;
  private final String password;

  private BackendOptions(int port, Path databaseFile, boolean delta, boolean repeatability, boolean batch,
      int pageSize, boolean relativeLinks, int duplicateKeyStatus, boolean csrfRequired, String user,
      String password) {
    this.port = port;
    this.databaseFile = databaseFile;
    this.delta = delta;
    this.repeatability = repeatability;
    this.batch = batch;
    this.pageSize = pageSize;
    this.relativeLinks = relativeLinks;
    this.duplicateKeyStatus = duplicateKeyStatus;
    this.csrfRequired = csrfRequired;
    this.user = user;
    this.password = password;
  }

  /** The options of a well-behaved service; see the class comment. */
  public static BackendOptions defaults() {
    return new BackendOptions(0, null, true, true, true, 1000, false, 409, false, null, null);
  }

  /** Listens on {@code port} of 127.0.0.1; 0 (the default) picks a free port. */
  public BackendOptions withPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Port " + port + " is outside 0..65535; use 0 for a free port.");
    }
    return new BackendOptions(port, databaseFile, delta, repeatability, batch, pageSize, relativeLinks,
        duplicateKeyStatus, csrfRequired, user, password);
  }

  /** Keeps the data in {@code file} (created if missing, reused if present) instead of a temporary file. */
  public BackendOptions withDatabaseFile(Path file) {
    return new BackendOptions(port, Objects.requireNonNull(file, "file"), delta, repeatability, batch, pageSize,
        relativeLinks, duplicateKeyStatus, csrfRequired, user, password);
  }

  /**
   * With {@code false}, {@code Prefer: odata.track-changes} is ignored (no delta link is ever
   * sent) and requests with {@code $deltatoken} are refused: a back end without change tracking.
   */
  public BackendOptions withDelta(boolean delta) {
    return new BackendOptions(port, databaseFile, delta, repeatability, batch, pageSize, relativeLinks,
        duplicateKeyStatus, csrfRequired, user, password);
  }

  /**
   * With {@code false}, the Repeatability-* headers are ignored and a repeated request runs
   * again: a back end without OData Repeatable Requests.
   */
  public BackendOptions withRepeatability(boolean repeatability) {
    return new BackendOptions(port, databaseFile, delta, repeatability, batch, pageSize, relativeLinks,
        duplicateKeyStatus, csrfRequired, user, password);
  }

  /** With {@code false}, {@code $batch} answers 501 Not Implemented. */
  public BackendOptions withBatch(boolean batch) {
    return new BackendOptions(port, databaseFile, delta, repeatability, batch, pageSize, relativeLinks,
        duplicateKeyStatus, csrfRequired, user, password);
  }

  /** Entities per page when the client sends no {@code Prefer: odata.maxpagesize}. */
  public BackendOptions withPageSize(int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("The page size must be at least 1, not " + pageSize + ".");
    }
    return new BackendOptions(port, databaseFile, delta, repeatability, batch, pageSize, relativeLinks,
        duplicateKeyStatus, csrfRequired, user, password);
  }

  /** With {@code true}, next and delta links are relative to the service root instead of absolute. */
  public BackendOptions withRelativeLinks(boolean relativeLinks) {
    return new BackendOptions(port, databaseFile, delta, repeatability, batch, pageSize, relativeLinks,
        duplicateKeyStatus, csrfRequired, user, password);
  }

  /** The status of a create whose client key exists already: 409 (default) or, like some back ends, 500. */
  public BackendOptions withDuplicateKeyStatus(int status) {
    if (status != 409 && status != 500) {
      throw new IllegalArgumentException("A duplicate key is answered with 409 or 500, not " + status + ".");
    }
    return new BackendOptions(port, databaseFile, delta, repeatability, batch, pageSize, relativeLinks, status,
        csrfRequired, user, password);
  }

  /**
   * With {@code true}, modifying requests need the {@code X-CSRF-Token} that a GET with
   * {@code X-CSRF-Token: Fetch} returns; without it they get 403 and {@code X-CSRF-Token: Required}.
   */
  public BackendOptions withCsrfRequired(boolean csrfRequired) {
    return new BackendOptions(port, databaseFile, delta, repeatability, batch, pageSize, relativeLinks,
        duplicateKeyStatus, csrfRequired, user, password);
  }

  /** Requires HTTP Basic authentication with these credentials on every request (401 otherwise). */
  public BackendOptions withBasicAuthentication(String user, String password) {
    return new BackendOptions(port, databaseFile, delta, repeatability, batch, pageSize, relativeLinks,
        duplicateKeyStatus, csrfRequired, Objects.requireNonNull(user, "user"), Objects.requireNonNull(password,
        "password"));
  }

  public int port() { return port; }

  /** The database file, or {@code null} for a temporary one. */
  public Path databaseFile() { return databaseFile; }

  public boolean delta() { return delta; }
  public boolean repeatability() { return repeatability; }
  public boolean batch() { return batch; }
  public int pageSize() { return pageSize; }
  public boolean relativeLinks() { return relativeLinks; }
  public int duplicateKeyStatus() { return duplicateKeyStatus; }
  public boolean csrfRequired() { return csrfRequired; }

  /** Whether requests need Basic authentication. */
  public boolean basicAuthentication() { return user != null; }

  /** The user for Basic authentication, or {@code null}. */
  public String user() { return user; }

  /** The password for Basic authentication, or {@code null}. */
  public String password() { return password; }
}
