package io.jenkins.plugins.environments.model;

import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A pattern over the full names of Jenkins jobs and folders, which separate folder levels with {@code /}
 * ({@code apps/payments/main}). Within one level {@code *} matches any run of characters; a level that is
 * just {@code **} matches any number of levels, none included, so {@code team-a/**} matches the folder
 * {@code team-a} and everything in it. Matching is case-sensitive, like Jenkins' own lookup by full name.
 * A pattern must not be empty, start or end with {@code /}, contain {@code //} or {@code ***}, use
 * {@code **} inside a level, or contain a character that Jenkins forbids in job names.
 *
 * @param pattern the pattern as written
 */
public record JobPattern(String pattern) {

    /** The configuration field the patterns of an environment are in. */
    public static final String FIELD = "allowedJobs";

    private static final String WHAT = "Job pattern";
    private static final String EXAMPLE = "write full names such as 'team-a/*' or 'team-a/**'";
    /** What Jenkins' name check refuses in an item name, less the '*' and '/' that patterns use. */
    private static final String NOT_IN_JOB_NAMES = "?\\%!@#$^&|<>[]:;";

    public JobPattern {
        pattern = check(pattern);
    }

    /**
     * @return the pattern, checked
     * @throws InvalidConfigurationException for field {@code allowedJobs}
     */
    public static String check(String pattern) {
        Names.rejectControlCharacters(FIELD, WHAT, Names.require(FIELD, WHAT, pattern));
        if (pattern.startsWith("/")) {
            throw Names.invalid(FIELD, WHAT, pattern, "must not start with '/': " + EXAMPLE);
        }
        if (pattern.endsWith("/")) {
            throw Names.invalid(FIELD, WHAT, pattern, "must not end with '/': " + EXAMPLE);
        }
        if (pattern.contains("//")) {
            throw Names.invalid(FIELD, WHAT, pattern, "has an empty level ('//'): " + EXAMPLE);
        }
        if (pattern.contains("***")) {
            throw Names.invalid(
                    FIELD, WHAT, pattern, "uses '***': use '*' within one level or '**' for any number of levels");
        }
        if (Stream.of(pattern.split("/")).anyMatch(level -> level.contains("**") && !level.equals("**"))) {
            throw Names.invalid(FIELD, WHAT, pattern, "uses '**' inside a level: '**' must stand alone between '/'");
        }
        for (char c : NOT_IN_JOB_NAMES.toCharArray()) {
            if (pattern.indexOf(c) >= 0) {
                throw Names.invalid(
                        FIELD,
                        WHAT,
                        pattern,
                        "contains " + Names.quote(String.valueOf(c)) + ", which no Jenkins job name can contain");
            }
        }
        return pattern;
    }

    /** @return whether the job or folder with this full name matches; {@code false} for {@code null} */
    public boolean matches(String fullName) {
        if (fullName == null || fullName.isEmpty()) {
            return false;
        }
        return matches(pattern.split("/"), 0, fullName.split("/", -1), 0);
    }

    private static boolean matches(String[] levels, int l, String[] names, int n) {
        if (l == levels.length) {
            return n == names.length;
        }
        if (levels[l].equals("**")) {
            for (int skip = n; skip <= names.length; skip++) {
                if (matches(levels, l + 1, names, skip)) {
                    return true;
                }
            }
            return false;
        }
        return n < names.length && levelMatches(levels[l], names[n]) && matches(levels, l + 1, names, n + 1);
    }

    private static boolean levelMatches(String glob, String name) {
        String regex = Stream.of(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return name.matches(regex);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
