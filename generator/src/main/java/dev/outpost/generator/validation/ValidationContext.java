package dev.outpost.generator.validation;

import dev.outpost.model.ServiceModel;
import dev.outpost.model.SourceLocation;

import java.util.ArrayList;
import java.util.List;

/** What a {@link Check} works on: the model, what of it is stored offline, and the findings so far. */
final class ValidationContext {

    /** A finding before the user's options are applied. */
    record Finding(Rule rule, String message, SourceLocation location, String modelPath) {
    }

    private final ServiceModel model;
    private final OfflineScope scope;
    private final List<Finding> findings = new ArrayList<>();

    ValidationContext(ServiceModel model) {
        this.model = model;
        this.scope = new OfflineScope(model);
    }

    ServiceModel model() {
        return model;
    }

    OfflineScope scope() {
        return scope;
    }

    /**
     * Reports a finding. The message is {@code what} followed by the rule's offline consequence
     * and what to do, each as a sentence.
     *
     * @param what the specific subject, for example "entity set 'Parts' has no ETag"
     */
    void report(Rule rule, SourceLocation at, String modelPath, String what) {
        String message = Character.toUpperCase(what.charAt(0)) + what.substring(1) + ". "
                + rule.offlineSentence() + " " + rule.actionSentence();
        findings.add(new Finding(rule, message, at, modelPath));
    }

    List<Finding> findings() {
        return findings;
    }
}
