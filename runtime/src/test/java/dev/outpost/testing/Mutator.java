package dev.outpost.testing;

import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Mutates valid text into nearly valid text: deletes, duplicates, swaps and truncates spans,
 * inserts or substitutes tokens from a dictionary of interesting pieces (the syntax of the
 * format under test plus hostile values), and flips characters to odd ones. Most mutants stay
 * close to the original, so they get past the first checks and reach deep code.
 */
public final class Mutator {

    /** Characters that break parsers: quotes, brackets, separators, NUL, lone surrogates, a BOM, RTL marks. */
    public static final List<String> ODD_CHARACTERS = List.of("'", "\"", "(", ")", "[", "]", "{", "}", "<", ">", "/",
            "\\", "&", ";", ",", ":", "=", "?", "#", "%", "$", "@", "*", " ", "\t", "\n", "\r", "\u0000", "\uD800",
            "\uDC00", "\uFEFF", "\u202E", "\u00E9", "\u0301", "😀", "\uFFFF", "-", "+", ".", "0", "9");

    private final List<String> dictionary;

    /** A mutator that inserts tokens from this dictionary (format syntax and hostile values). */
    public Mutator(List<String> dictionary) {
        this.dictionary = List.copyOf(dictionary);
    }

    /** One to {@code maxSteps} mutations of {@code text}. */
    public String mutate(String text, Random random, int maxSteps) {
        String s = text;
        int steps = 1 + random.nextInt(Math.max(1, maxSteps));
        for (int i = 0; i < steps; i++) {
            s = step(s, random);
        }
        return s;
    }

    private String step(String s, Random r) {
        int n = s.length();
        int a = n == 0 ? 0 : r.nextInt(n + 1);
        int b = Math.min(n, a + span(r, n));
        switch (r.nextInt(9)) {
            case 0:
                return s.substring(0, a) + s.substring(b);                                    // delete a span
            case 1:
                return s.substring(0, b) + s.substring(a, b) + s.substring(b);                // duplicate a span
            case 2:
                return s.substring(0, a) + token(r) + s.substring(a);                         // insert a token
            case 3:
                return s.substring(0, a) + token(r) + s.substring(b);                         // replace a span by a token
            case 4:
                return s.substring(0, a);                                                     // truncate
            case 5: {
                if (n == 0) {
                    return token(r);
                }
                int i = r.nextInt(n);                                                         // one odd character
                return s.substring(0, i) + ODD_CHARACTERS.get(r.nextInt(ODD_CHARACTERS.size())) + s.substring(i + 1);
            }
            case 6: {
                if (n < 2) {
                    return s + s;
                }
                int c = r.nextInt(n + 1);                                                     // swap two spans
                int d = Math.min(n, c + span(r, n));
                if (c < a) {
                    int t = a; a = c; c = t;
                    t = b; b = d; d = t;
                }
                if (b > c) {
                    return s;
                }
                return s.substring(0, a) + s.substring(c, d) + s.substring(b, c) + s.substring(a, b) + s.substring(d);
            }
            case 7:
                return s.substring(0, a) + token(r).repeat(1 + r.nextInt(r.nextInt(10) == 0 ? 5000 : 4)) + s.substring(a);
            default: {
                if (n == 0) {
                    return s;
                }
                int i = r.nextInt(n);                                                         // change a digit or a letter's case
                char c = s.charAt(i);
                char replacement = Character.isDigit(c) ? (char) ('0' + r.nextInt(10))
                        : Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                return s.substring(0, i) + replacement + s.substring(i + 1);
            }
        }
    }

    private static int span(Random r, int n) {
        if (n == 0) {
            return 0;
        }
        int limit = r.nextInt(4) == 0 ? n : Math.min(n, 16);
        return 1 + r.nextInt(Math.max(1, limit));
    }

    private String token(Random r) {
        return r.nextInt(4) == 0 || dictionary.isEmpty() ? ODD_CHARACTERS.get(r.nextInt(ODD_CHARACTERS.size()))
                : dictionary.get(r.nextInt(dictionary.size()));
    }

    /**
     * A smaller input that still fails: removes ever smaller chunks while {@code fails} holds
     * (a light form of delta debugging), so a failure report shows what matters.
     */
    public static String shrink(String input, Predicate<String> fails) {
        String best = input;
        int chunk = Math.max(1, best.length() / 2);
        int tries = 0;
        while (chunk >= 1 && tries < 2000) {
            boolean removed = false;
            for (int start = 0; start + chunk <= best.length() && tries < 2000; ) {
                String candidate = best.substring(0, start) + best.substring(start + chunk);
                tries++;
                if (fails.test(candidate)) {
                    best = candidate;
                    removed = true;
                } else {
                    start += chunk;
                }
            }
            if (!removed) {
                chunk /= 2;
            }
        }
        return best;
    }
}
