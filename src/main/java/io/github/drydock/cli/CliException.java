package io.github.drydock.cli;

/** The thing the user asked for cannot be produced (e.g. an unknown reference): exit code 1. */
public final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be produced and why, for the user
     */
    public CliException(String message) {
        super(message);
    }
}
