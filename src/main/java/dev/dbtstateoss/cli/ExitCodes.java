package dev.dbtstateoss.cli;

import picocli.CommandLine;

/** The one exit-code table of every subcommand, and its mapping from exceptions. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The command ran and its answer is "no": differences found, not the same query. */
    public static final int DIFFERENT = 1;
    /** Bad usage or input: unknown flag, missing or unreadable file, invalid value. */
    public static final int USAGE = 2;
    /** The command could not do its work: store unreachable, port in use, I/O failure. */
    public static final int FAILURE = 3;

    private ExitCodes() {}

    /** Maps exceptions that escape a command to the table above. */
    static int forException(Throwable t) {
        if (t instanceof CommandLine.ParameterException || t instanceof UserInputException) {
            return USAGE;
        }
        return FAILURE;
    }

    /** Thrown by commands for bad input the user can fix (named flag or file in the message). */
    public static final class UserInputException extends RuntimeException {
        public UserInputException(String message) {
            super(message);
        }
    }
}
