package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.model.OneLine;
import java.util.Objects;

/**
 * The verdict of one gate on one promotion: {@link #passed()} or not, and a one-line reason for the build log,
 * such as {@code verified with key 'prod-signing' (ECDSA P-256)}.
 *
 * @param gate the gate's name, such as {@code signature} or {@code scan}
 * @param passed whether the promotion may go on as far as this gate is concerned
 * @param reason why, in one line; line breaks and other control characters (which reports and registries could
 *     smuggle in) are replaced by spaces so that one result is always one log line, and a reason longer than
 *     {@value #MAX_REASON} characters is shortened with a marker
 */
public record GateResult(String gate, boolean passed, String reason) {

    /** The longest reason kept, in characters; a longer one is shortened with a marker. */
    public static final int MAX_REASON = 2000;

    public GateResult {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(reason, "reason");
        reason = oneLine(reason);
    }

    public static GateResult pass(String gate, String reason) {
        return new GateResult(gate, true, reason);
    }

    public static GateResult fail(String gate, String reason) {
        return new GateResult(gate, false, reason);
    }

    /** @return {@code PASS gate: reason} or {@code FAIL gate: reason} */
    public String line() {
        return (passed ? "PASS " : "FAIL ") + gate + ": " + reason;
    }

    @Override
    public String toString() {
        return line();
    }

    private static String oneLine(String text) {
        return OneLine.of(text, MAX_REASON);
    }
}
