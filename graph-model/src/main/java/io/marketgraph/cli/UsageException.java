package io.marketgraph.cli;

/** Bad usage: {@link Cli} prints the message on one line and exits 2. Name the flag and the value. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
