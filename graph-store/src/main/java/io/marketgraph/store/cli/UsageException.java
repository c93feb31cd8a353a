package io.marketgraph.store.cli;

/** Bad command-line usage: the main prints the message and the usage text, and exits 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
