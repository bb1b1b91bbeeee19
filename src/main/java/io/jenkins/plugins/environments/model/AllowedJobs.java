package io.jenkins.plugins.environments.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jobs that may deploy or promote to an environment and use its credentials, as {@link JobPattern}s.
 * <strong>Deny by default:</strong> with no pattern, no job is permitted. Leaving the list empty must never
 * open an environment to every job, because that would hand its credentials to anyone who can create a
 * job. A job is permitted when at least one pattern matches its full name.
 *
 * @param patterns the patterns, in the order given, without repeats
 */
public record AllowedJobs(List<JobPattern> patterns) {

    /** No job at all. */
    public static final AllowedJobs NONE = new AllowedJobs(List.of());

    public AllowedJobs {
        patterns = patterns == null ? List.of() : List.copyOf(new LinkedHashSet<>(patterns));
    }

    /**
     * @param patterns pattern texts; blank entries are skipped, so that a trailing empty line does no harm
     * @throws InvalidConfigurationException for field {@code allowedJobs} naming the first bad pattern
     */
    public static AllowedJobs of(List<String> patterns) {
        if (patterns == null) {
            return NONE;
        }
        return new AllowedJobs(patterns.stream()
                .filter(p -> !Names.isBlank(p))
                .map(JobPattern::new)
                .toList());
    }

    /** @return the patterns of a multi-line text field, one per line, blank lines and outer spaces ignored */
    public static AllowedJobs parseLines(String text) {
        return text == null
                ? NONE
                : of(Stream.of(text.split("\\R")).map(String::strip).toList());
    }

    /** @return whether a job with this full name may use the environment: some pattern must match it */
    public boolean permits(String fullName) {
        return patterns.stream().anyMatch(p -> p.matches(fullName));
    }

    /** @return whether no pattern is given, and so no job is permitted */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** @return the patterns as written */
    public List<String> texts() {
        return patterns.stream().map(JobPattern::pattern).toList();
    }
}
