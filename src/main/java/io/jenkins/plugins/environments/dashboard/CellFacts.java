package io.jenkins.plugins.environments.dashboard;

/**
 * What the index knows about one app in one environment, before visibility and drift are applied.
 *
 * @param current what runs, or {@code null} when nothing does (never deployed, or torn down)
 * @param started the promotion that started and has no outcome yet, or {@code null}
 * @param failed the last promotion attempt, when it failed and no digest arrived since; else {@code null}
 * @param held whether a rollback's hold is in force
 * @param behind how many digests arrived in the environment before this one after the digest that runs here; 0 when
 *     it has no source or runs the same digest
 */
public record CellFacts(
        String app,
        String environment,
        Deployment current,
        PromotionAttempt started,
        PromotionAttempt failed,
        boolean held,
        int behind) {}
