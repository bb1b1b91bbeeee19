package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.model.OneLine;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A temporary exception for one vulnerability: the scan gate ignores findings with this id until the waiver
 * expires. A waiver file is a YAML list of them:
 *
 * <pre>
 * - id: CVE-2024-1234
 *   expires: 2026-12-31
 *   reason: not reachable, the parser is never called (SEC-42)
 * </pre>
 *
 * @param id the vulnerability id, as the report writes it
 * @param expires the last day (UTC) the waiver applies; from the next day on it waives nothing
 * @param reason why the finding is accepted, for the audit trail
 */
public record ScanWaiver(String id, LocalDate expires, String reason) {

    private static final int MAX_ID_LENGTH = 200;
    private static final Set<String> KEYS = Set.of("id", "expires", "reason");

    public ScanWaiver {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return whether the waiver still applies on this day */
    public boolean activeOn(LocalDate today) {
        return !today.isAfter(expires);
    }

    /**
     * @param yaml the waiver file's text; blank means no waiver
     * @return the waivers, in the file's order
     * @throws IllegalArgumentException naming the entry and what is wrong with it, such as {@code entry 2 has no
     *     reason}
     */
    public static List<ScanWaiver> parseAll(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return List.of();
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document;
        try {
            DumperOptions dumper = new DumperOptions();
            document = new Yaml(
                            new SafeConstructor(options), new Representer(dumper), dumper, options, new DatesAsText())
                    .load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("it is not valid YAML ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (document == null) {
            return List.of();
        }
        if (!(document instanceof List<?> entries)) {
            throw new IllegalArgumentException("it is not a list of waivers (each with id, expires and reason)");
        }
        List<ScanWaiver> waivers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Object entry : entries) {
            String where = "entry " + (waivers.size() + 1);
            if (!(entry instanceof Map<?, ?> fields)) {
                throw new IllegalArgumentException(where + " is not a mapping with id, expires and reason");
            }
            for (Object key : fields.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    throw new IllegalArgumentException(
                            where + " has an unknown key '" + key + "': use id, expires and reason");
                }
            }
            String id = text(fields.get("id"), where, "id");
            if (id.length() > MAX_ID_LENGTH) {
                throw new IllegalArgumentException(where + " has an id longer than " + MAX_ID_LENGTH + " characters");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException(where + " waives " + id + " again: keep one waiver per id");
            }
            waivers.add(new ScanWaiver(
                    id,
                    date(fields.get("expires"), where + " (" + id + ")"),
                    text(fields.get("reason"), where + " (" + id + ")", "reason")));
        }
        return List.copyOf(waivers);
    }

    private static String text(Object value, String where, String key) {
        if (value == null || String.valueOf(value).isBlank()) {
            throw new IllegalArgumentException(where + " has no " + key);
        }
        if (!(value instanceof String) && !(value instanceof Number)) {
            throw new IllegalArgumentException(where + "'s " + key + " is not text");
        }
        String text = String.valueOf(value).strip();
        if (OneLine.hasUnsafe(text)) {
            throw new IllegalArgumentException(
                    where + " has a " + key + " with control characters such as line breaks");
        }
        return text;
    }

    private static LocalDate date(Object value, String where) {
        String example = ": write a date such as 2026-12-31";
        if (value == null) {
            throw new IllegalArgumentException(where + " has no expires date" + example);
        }
        // Timestamps stay text (see DatesAsText), so '2026-12-31 23:00:00 -01:00' is refused below instead of being
        // read as the instant it names, which is already the next day in UTC.
        if (value instanceof String text && text.strip().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(where + " has expires '" + value + "', not a date" + example);
    }

    /**
     * Resolves YAML as SnakeYAML's default does, except that timestamps stay strings: an {@code expires} value is
     * a calendar day, and only the form {@code yyyy-MM-dd} is one.
     */
    private static final class DatesAsText extends Resolver {
        @Override
        public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
            if (!Tag.TIMESTAMP.equals(tag)) {
                super.addImplicitResolver(tag, regexp, first, limit);
            }
        }
    }
}
