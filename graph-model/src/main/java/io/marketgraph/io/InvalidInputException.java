package io.marketgraph.io;

/**
 * Bad data (as opposed to bad configuration, which is an {@link IllegalArgumentException}). The
 * message names the value, where it was found (file and line, record, request field) and the rule.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
