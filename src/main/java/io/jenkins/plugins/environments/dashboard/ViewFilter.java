package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.Names;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one dashboard view shows of everything its user may see: the apps whose names match one of its patterns,
 * the environments it names, and the previews or not. Blank patterns and a blank environment list mean all.
 *
 * <p>An app pattern is a glob over app names: {@code *} stands for any run of characters, {@code ?} for one; several
 * patterns are separated by commas or spaces ({@code payments-*, checkout}). App names are lower-case labels, so a
 * pattern is compared in lower case. Environments are listed by name, separated by commas or spaces.
 */
public final class ViewFilter {

    /** The configuration field of the app patterns. */
    public static final String APP_PATTERN = "appPattern";

    /** The configuration field of the environments. */
    public static final String ENVIRONMENTS = "environments";

    /** Everything: all apps, all environments, previews. */
    public static final ViewFilter ALL = new ViewFilter(List.of(), List.of(), true);

    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
    private static final Pattern GLOB = Pattern.compile("[a-z0-9*?-]+");

    private final List<String> appPatterns;
    private final List<Pattern> appRegexes;
    private final List<String> environments;
    private final boolean previews;

    private ViewFilter(List<String> appPatterns, List<String> environments, boolean previews) {
        this.appPatterns = List.copyOf(appPatterns);
        this.appRegexes = appPatterns.stream().map(ViewFilter::regex).toList();
        this.environments = List.copyOf(environments);
        this.previews = previews;
    }

    /**
     * @param appPattern globs separated by commas or spaces, or blank for every app
     * @param environments environment names separated by commas or spaces, or blank for every environment
     * @param previews whether the view lists previews
     * @throws InvalidConfigurationException for field {@value #APP_PATTERN} or {@value #ENVIRONMENTS}, quoting the
     *     first bad entry
     */
    public static ViewFilter of(String appPattern, String environments, boolean previews) {
        return new ViewFilter(appPatterns(appPattern), environments(environments), previews);
    }

    /**
     * @return the globs of the text, in lower case, without repeats
     * @throws InvalidConfigurationException for field {@value #APP_PATTERN}
     */
    public static List<String> appPatterns(String text) {
        List<String> patterns = new ArrayList<>();
        for (String entry : entries(text)) {
            String glob = entry.toLowerCase(Locale.ROOT);
            if (!GLOB.matcher(glob).matches()) {
                throw Names.invalid(
                        APP_PATTERN,
                        "App pattern",
                        entry,
                        "may contain only letters, digits, '-', '*' (any characters) and '?' (one character),"
                                + " for example 'payments-*'");
            }
            patterns.add(glob);
        }
        return List.copyOf(new LinkedHashSet<>(patterns));
    }

    /**
     * @return the environment names of the text, without repeats
     * @throws InvalidConfigurationException for field {@value #ENVIRONMENTS}
     */
    public static List<String> environments(String text) {
        List<String> names = new ArrayList<>();
        for (String entry : entries(text)) {
            names.add(Names.requireLabel(ENVIRONMENTS, "Environment name", entry));
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    private static List<String> entries(String text) {
        if (Names.isBlank(text)) {
            return List.of();
        }
        return Stream.of(SEPARATORS.split(text.strip()))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static Pattern regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** @return whether the view shows the app: no pattern, or one that matches its whole name */
    public boolean showsApp(String app) {
        if (appRegexes.isEmpty()) {
            return true;
        }
        if (app == null) {
            return false;
        }
        String name = app.toLowerCase(Locale.ROOT);
        return appRegexes.stream().anyMatch(p -> p.matcher(name).matches());
    }

    /** @return whether the view shows the environment: no list, or one that names it */
    public boolean showsEnvironment(String environment) {
        return environments.isEmpty() || environments.contains(environment);
    }

    /** @return whether the view lists previews */
    public boolean showsPreviews() {
        return previews;
    }

    /** @return the app globs, in lower case; empty for every app */
    public List<String> appPatterns() {
        return appPatterns;
    }

    /** @return the environments named; empty for every environment */
    public List<String> environments() {
        return environments;
    }

    @Override
    public String toString() {
        return "apps " + (appPatterns.isEmpty() ? "*" : String.join(",", appPatterns)) + ", environments "
                + (environments.isEmpty() ? "*" : String.join(",", environments)) + (previews ? "" : ", no previews");
    }
}
