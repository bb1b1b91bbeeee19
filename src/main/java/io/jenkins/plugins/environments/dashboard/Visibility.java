package io.jenkins.plugins.environments.dashboard;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * What the person looking at the dashboard may see, handed in by the Jenkins glue. The dashboard asks it about every
 * build behind a cell, preview, approval and history event, and about every environment; what is not visible is left
 * out. Only called with non-null arguments.
 */
public interface Visibility {

    /** Everything is visible: for tests and the playground. */
    Visibility ALL = of(build -> true, environment -> true);

    /**
     * @param buildUrl a run's URL relative to the Jenkins root, such as {@code job/a/job/b/12/}, or a job's URL such as
     *     {@code job/a/job/PR-7/}
     * @return whether the person may see that build's job
     */
    boolean canSeeBuild(String buildUrl);

    /** @return whether the person may see the environment with this name */
    boolean canSeeEnvironment(String environment);

    /** @return the visibility that asks the two predicates */
    static Visibility of(Predicate<String> builds, Predicate<String> environments) {
        Objects.requireNonNull(builds, "builds");
        Objects.requireNonNull(environments, "environments");
        return new Visibility() {
            @Override
            public boolean canSeeBuild(String buildUrl) {
                return builds.test(buildUrl);
            }

            @Override
            public boolean canSeeEnvironment(String environment) {
                return environments.test(environment);
            }
        };
    }
}
