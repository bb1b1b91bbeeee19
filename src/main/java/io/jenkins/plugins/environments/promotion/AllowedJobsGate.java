package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.model.Environment;
import java.util.Objects;

/**
 * The allowed-jobs gate: the promoting job must be one the target environment permits
 * ({@link Environment#permitsJob(String)}; no pattern permits no job).
 */
public final class AllowedJobsGate implements Gate {

    public static final String GATE = "allowed-jobs";

    private final Environment environment;
    private final String jobFullName;

    /**
     * @param environment the environment promoted to
     * @param jobFullName the full name of the promoting job, such as {@code team-a/app/main}
     */
    public AllowedJobsGate(Environment environment, String jobFullName) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.jobFullName = Objects.requireNonNull(jobFullName, "jobFullName");
    }

    @Override
    public String name() {
        return GATE;
    }

    @Override
    public GateResult evaluate() {
        String subject = "job '" + jobFullName + "' ";
        String target = "'" + environment.name() + "'";
        if (environment.permitsJob(jobFullName)) {
            return GateResult.pass(GATE, subject + "may promote to " + target);
        }
        return GateResult.fail(
                GATE,
                subject + "may not promote to " + target
                        + (environment.allowedJobs().isEmpty()
                                ? " (it allows no job)"
                                : " (allowed: " + String.join(", ", environment.allowedJobs()) + ")"));
    }
}
