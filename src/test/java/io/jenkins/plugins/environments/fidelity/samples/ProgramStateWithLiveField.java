package io.jenkins.plugins.environments.fidelity.samples;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * Broken on purpose, for the program-state checks: state a step execution could hold, with a live thread in it, a
 * field that may hold anything, and a part that declares no {@code serialVersionUID}. Marshalling it passes as long as
 * those fields are empty, which is why the check reads the declarations.
 */
public final class ProgramStateWithLiveField implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** A part of the state without a {@code serialVersionUID}. */
    public static final class Part implements Serializable {
        private String note;
    }

    private final String requestId;
    private Thread worker;
    private Object anything;
    private List<Part> parts;
    private transient Thread ignored;

    public ProgramStateWithLiveField(String requestId) {
        this.requestId = requestId;
    }

    public String requestId() {
        return requestId;
    }

    /** @param worker the thread to hold, which River cannot write */
    public void hold(Thread worker) {
        this.worker = worker;
    }
}
