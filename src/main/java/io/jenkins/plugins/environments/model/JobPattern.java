package io.jenkins.plugins.environments.model;

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

    /**
     * Matches without backtracking: levels by dynamic programming over (pattern level, name level), each level by
     * the greedy wildcard walk. Work is at most proportional to the pattern's length times the name's, whatever
     * the number of wildcards.
     *
     * @return whether the job or folder with this full name matches; {@code false} for {@code null}
     */
    public boolean matches(String fullName) {
        if (fullName == null || fullName.isEmpty()) {
            return false;
        }
        String[] levels = pattern.split("/");
        String[] names = fullName.split("/", -1);
        // reach[n]: the first l levels of the pattern match the first n levels of the name
        boolean[] reach = new boolean[names.length + 1];
        reach[0] = true;
        for (String level : levels) {
            boolean[] next = new boolean[names.length + 1];
            if (level.equals("**")) {
                boolean any = false;
                for (int n = 0; n <= names.length; n++) {
                    any |= reach[n];
                    next[n] = any;
                }
            } else {
                for (int n = 0; n < names.length; n++) {
                    next[n + 1] = reach[n] && levelMatches(level, names[n]);
                }
            }
            reach = next;
        }
        return reach[names.length];
    }

    /** Wildcard match of one level: {@code *} is any run of characters, everything else literal. */
    static boolean levelMatches(String glob, String name) {
        int g = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (g < glob.length() && glob.charAt(g) != '*' && glob.charAt(g) == name.charAt(n)) {
                g++;
                n++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                resume = n;
            } else if (star >= 0) {
                g = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
