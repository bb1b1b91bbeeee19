package io.jenkins.plugins.environments.kubernetes;

import io.jenkins.plugins.environments.model.Redaction;
import java.time.Duration;
import java.util.List;

/**
 * Objects did not reach the awaited state in time. The message names each of them and why, such as
 * {@code Deployment web: 0/2 ready}.
 */
public class ClusterWaitTimeoutException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> pending;

    public ClusterWaitTimeoutException(String what, Duration timeout, List<String> pending) {
        super(Redaction.redact(what + " after " + timeout + ": " + String.join("; ", pending)));
        this.pending = List.copyOf(pending);
    }

    /** Each object that was not in the awaited state, with why, such as {@code Deployment web: 0/2 ready}. */
    public List<String> pending() {
        return pending;
    }
}
