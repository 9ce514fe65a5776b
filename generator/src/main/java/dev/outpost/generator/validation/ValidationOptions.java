package dev.outpost.generator.validation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to validate: per-rule severity overrides (a rule can also be switched off) and the least
 * severe finding that fails the validation. Immutable; build one with {@link #builder()}.
 */
public final class ValidationOptions {

    private static final ValidationOptions DEFAULTS = builder().build();

    private final Map<Rule, Optional<Severity>> overrides;
    private final FailOn failOn;

    private ValidationOptions(Builder b) {
        this.overrides = Collections.unmodifiableMap(new EnumMap<>(b.overrides));
        this.failOn = b.failOn;
    }

    /** Every rule at its default severity; fail on errors. */
    public static ValidationOptions defaults() {
        return DEFAULTS;
    }

    /** Starts options with every rule at its default severity, failing on errors. */
    public static Builder builder() {
        return new Builder();
    }

    /** The severity findings of this rule get, or empty when the rule is switched off. */
    public Optional<Severity> severity(Rule rule) {
        Optional<Severity> o = overrides.get(rule);
        return o != null ? o : Optional.of(rule.defaultSeverity());
    }

    /** The overrides the user gave, by rule; an empty value means off. */
    public Map<Rule, Optional<Severity>> overrides() {
        return overrides;
    }

    /** The least severe finding that fails the validation. */
    public FailOn failOn() {
        return failOn;
    }

    /** Builds {@link ValidationOptions}. */
    public static final class Builder {
        private final Map<Rule, Optional<Severity>> overrides = new EnumMap<>(Rule.class);
        private FailOn failOn = FailOn.ERROR;

        private Builder() {
        }

        /** Gives a rule's findings this severity. */
        public Builder severity(Rule rule, Severity severity) {
            overrides.put(Objects.requireNonNull(rule, "rule"), Optional.of(Objects.requireNonNull(severity, "severity")));
            return this;
        }

        /** Switches a rule off: it reports nothing. */
        public Builder off(Rule rule) {
            overrides.put(Objects.requireNonNull(rule, "rule"), Optional.empty());
            return this;
        }

        /**
         * Applies an override written as {@code CODE=LEVEL}, for example {@code OUT104=error} or
         * {@code OUT113=off}; code and level ignore case.
         *
         * @throws IllegalArgumentException with a message that says what is wrong and what is accepted
         */
        public Builder override(String codeEqualsLevel) {
            String text = codeEqualsLevel.trim();
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw new IllegalArgumentException("'" + codeEqualsLevel + "' is not a severity override;"
                        + " write CODE=LEVEL, for example OUT104=error");
            }
            String code = text.substring(0, eq).trim();
            String level = text.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
            Rule rule = Rule.byCode(code).orElseThrow(() -> new IllegalArgumentException("'" + code
                    + "' is not a rule code; use one of " + Rule.codeRange() + " (see docs/validation-rules.md)"));
            if (level.equals("off")) {
                return off(rule);
            }
            for (Severity s : Severity.values()) {
                if (s.label().equals(level)) {
                    return severity(rule, s);
                }
            }
            throw new IllegalArgumentException("'" + text.substring(eq + 1).trim() + "' is not a severity for " + rule.code()
                    + "; use error, warning, info or off");
        }

        /** Sets the least severe finding that fails the validation (default {@link FailOn#ERROR}). */
        public Builder failOn(FailOn failOn) {
            this.failOn = Objects.requireNonNull(failOn, "failOn");
            return this;
        }

        /** Builds the immutable options. */
        public ValidationOptions build() {
            return new ValidationOptions(this);
        }
    }
}
