package dev.outpost.cli;

/** The exit statuses of every {@code outpost} command. */
final class ExitStatus {

    /** Success: for validate, no finding at or above the failure threshold. */
    static final int OK = 0;
    /** Validate found something at or above the failure threshold. */
    static final int FINDINGS = 1;
    /** Bad usage, or input that cannot be read. */
    static final int USAGE = 2;
    /** A bug in Outpost. */
    static final int INTERNAL = 3;

    /** Lines of the exit status list that {@code --help} shows. */
    static final String OK_HELP = "0:success; for validate, no finding at or above the --fail-on level";
    static final String FINDINGS_HELP = "1:validate found something at or above the --fail-on level (default: error)";
    static final String USAGE_HELP = "2:bad usage, or the input cannot be read";
    static final String INTERNAL_HELP = "3:internal error (a bug: rerun with --verbose and report the stack trace)";

    private ExitStatus() {
    }
}
