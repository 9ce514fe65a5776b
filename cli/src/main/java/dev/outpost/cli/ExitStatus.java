package dev.outpost.cli;

/** The exit statuses of every {@code outpost} command. */
final class ExitStatus {

    /** Success: for validate, no finding at or above the failure threshold; for generate, the files were written. */
    static final int OK = 0;
    /** Findings at or above the failure threshold (for generate: generation refused, nothing written). */
    static final int FINDINGS = 1;
    /** Bad usage, or input that cannot be read. */
    static final int USAGE = 2;
    /** A bug in Outpost. */
    static final int INTERNAL = 3;

    /** Lines of the exit status list that {@code --help} shows. */
    static final String OK_HELP = "0:success; for validate and generate, no finding at or above the --fail-on level";
    static final String FINDINGS_HELP = "1:a finding at or above the --fail-on level (default: error); generate wrote nothing";
    static final String USAGE_HELP = "2:bad usage, or the input cannot be read";
    static final String INTERNAL_HELP = "3:internal error (a bug: rerun with --verbose and report the stack trace)";

    private ExitStatus() {
    }
}
