package io.jenkins.plugins.environments.gitops;

/**
 * What a GitOps promotion did.
 *
 * @param changed whether a commit was pushed; {@code false} when the key already held the digest
 * @param commitId the full id of the pushed commit, or, when nothing changed, of the branch tip that already holds
 *     the digest
 * @param attempts how many times the branch was fetched and the edit applied (1 unless others pushed in between)
 * @param previousValue what the key held before, as YAML reads it
 * @param summary one line for the build log, such as {@code already at sha256:…}
 */
public record GitOpsResult(boolean changed, String commitId, int attempts, String previousValue, String summary) {}
