package dev.provably.nautilus.cli;

/** The tool's exit statuses, shared by every command. */
final class ExitStatus {
    /** Everything checked was valid (or help was printed). */
    static final int OK = 0;
    /** At least one document was rejected. */
    static final int REJECTED = 1;
    /** The command line was wrong; nothing was verified. */
    static final int USAGE = CommandLines.USAGE;

    private ExitStatus() {}
}
