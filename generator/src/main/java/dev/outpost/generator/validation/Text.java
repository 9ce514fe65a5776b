package dev.outpost.generator.validation;

import java.util.List;

/** Small helpers for writing finding messages. */
final class Text {

    /** How many items a list in a message shows before it says "and N more". */
    static final int MAX_LISTED = 10;

    private Text() {
    }

    /** Joins items as "a", "a and b", or "a, b and c"; long lists end with "and N more". */
    static String list(List<String> items) {
        if (items.size() > MAX_LISTED) {
            return String.join(", ", items.subList(0, MAX_LISTED)) + " and " + (items.size() - MAX_LISTED) + " more";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** Each item in single quotes. */
    static List<String> quoted(List<String> items) {
        return items.stream().map(i -> "'" + i + "'").toList();
    }
}
