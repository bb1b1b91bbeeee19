package io.jenkins.plugins.environments.ledger;

/**
 * A line of the ledger that the reader left out because it is not an event.
 *
 * @param lineNumber the line's number in its segment file, counting from 1
 * @param reason why it is not an event
 * @param torn whether it is the last line and lacks its line end, as a process killed while writing leaves it
 * @param text the start of the line, at most {@value #MAX_TEXT} characters, for a log message
 * @param segment the name of the file the line is in, for example {@code ledger.jsonl} (the active file) or
 *     {@code ledger.000003.jsonl} (a sealed segment)
 */
public record SkippedLine(long lineNumber, String reason, boolean torn, String text, String segment) {

    /** The most characters of the line that {@link #text()} keeps. */
    public static final int MAX_TEXT = 200;

    /** A line of a ledger that has no segment name to tell. */
    public SkippedLine(long lineNumber, String reason, boolean torn, String text) {
        this(lineNumber, reason, torn, text, null);
    }
}
