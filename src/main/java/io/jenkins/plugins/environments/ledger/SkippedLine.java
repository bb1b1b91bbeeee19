package io.jenkins.plugins.environments.ledger;

/**
 * A line of the ledger file that the reader left out because it is not an event.
 *
 * @param lineNumber the line's number in the file, counting from 1
 * @param reason why it is not an event
 * @param torn whether it is the last line and lacks its line end, as a process killed while writing leaves it
 * @param text the start of the line, at most {@value #MAX_TEXT} characters, for a log message
 */
public record SkippedLine(long lineNumber, String reason, boolean torn, String text) {

    /** The most characters of the line that {@link #text()} keeps. */
    public static final int MAX_TEXT = 200;
}
