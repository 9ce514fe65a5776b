package dev.outpost.internal.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A piece of SQL with its bound parameters, in order. User values only ever appear as parameters. */
record Sql(String text, List<Object> params) {

    Sql {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    static Sql of(String text, Object... params) {
        return new Sql(text, java.util.Arrays.asList(params));
    }

    /** Concatenates pieces. */
    static Sql join(String separator, List<Sql> parts) {
        StringBuilder text = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                text.append(separator);
            }
            text.append(parts.get(i).text());
            params.addAll(parts.get(i).params());
        }
        return new Sql(text.toString(), params);
    }

    /** This piece followed by another. */
    Sql then(String separator, Sql other) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(other.params);
        return new Sql(text + separator + other.text, all);
    }

    /** Wraps the text: {@code prefix + text + suffix}. */
    Sql wrap(String prefix, String suffix) {
        return new Sql(prefix + text + suffix, params);
    }
}
