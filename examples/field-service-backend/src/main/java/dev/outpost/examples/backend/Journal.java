package dev.outpost.examples.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every request the back end received, oldest first, including those that authentication, CSRF
 * protection or fault injection answered. Thread-safe.
 */
public final class Journal {

  private final List<JournalEntry> entries = new ArrayList<>();

  Journal() {}

  /** A snapshot of all entries. */
  public synchronized List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  /** A snapshot of the entries that {@code filter} accepts. */
  public synchronized List<JournalEntry> entries(Predicate<JournalEntry> filter) {
    return entries.stream().filter(filter).toList();
  }

  /** The newest entry; fails if there is none. */
  public synchronized JournalEntry last() {
    if (entries.isEmpty()) {
      throw new IllegalStateException("The back end has received no request yet.");
    }
    return entries.get(entries.size() - 1);
  }

  /** Forgets all entries. */
  public synchronized void clear() {
    entries.clear();
  }

  synchronized void add(JournalEntry entry) {
    entries.add(entry);
  }
}
