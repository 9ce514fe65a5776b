package dev.outpost.generator.validation;

/** A group of related rules run over one model. Implementations are stateless. */
interface Check {

    /** Reports every finding of this check's rules into the context. */
    void run(ValidationContext context);
}
