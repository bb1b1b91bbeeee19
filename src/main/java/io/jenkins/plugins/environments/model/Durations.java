package io.jenkins.plugins.environments.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as administrators write them: a number and a unit ({@code 30s}, {@code 5m}, {@code 72h},
 * {@code 7d}), several of them with each unit once and the larger first ({@code 1h30m}, {@code 1d12h}),
 * or ISO-8601 ({@code PT5M}, {@code P2D}). A duration must be longer than zero.
 */
public final class Durations {

    static final String FORMAT = "use a number with a unit s, m, h or d, such as '30s', '5m', '72h', '7d' or"
            + " '1h30m', or ISO-8601 such as 'PT5M'";

    private static final String UNITS = "dhms";
    private static final Pattern PART = Pattern.compile("([0-9]+)([A-Za-z]*)");

    private Durations() {}

    /** Parses a duration, reporting problems for the field {@code duration}. */
    public static Duration parse(String text) {
        return parse("duration", "Duration", text);
    }

    /**
     * Parses a duration.
     *
     * @throws InvalidConfigurationException for {@code field}, naming the value as {@code what}
     */
    public static Duration parse(String field, String what, String text) {
        if (Names.isBlank(text)) {
            throw new InvalidConfigurationException(field, what + " is required: " + FORMAT);
        }
        Duration duration = text.startsWith("P") || text.startsWith("p") || text.startsWith("-P")
                ? iso(field, what, text)
                : withUnits(field, what, text);
        return requirePositive(field, what, text, duration);
    }

    /** @return the duration, which must be longer than zero; {@code text} is how it was written */
    static Duration requirePositive(String field, String what, String text, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw Names.invalid(field, what, text, "must be longer than zero");
        }
        return duration;
    }

    private static Duration iso(String field, String what, String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw Names.invalid(field, what, text, "is not a valid ISO-8601 duration: " + FORMAT);
        }
    }

    private static Duration withUnits(String field, String what, String text) {
        if (text.startsWith("-")) {
            throw Names.invalid(field, what, text, "must be longer than zero");
        }
        Matcher part = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        int lastUnit = -1;
        while (part.find() && part.start() == end) {
            String unit = part.group(2);
            if (unit.isEmpty()) {
                throw Names.invalid(field, what, text, "has a number without a unit: " + FORMAT);
            }
            int index = unit.length() == 1 ? UNITS.indexOf(Character.toLowerCase(unit.charAt(0))) : -1;
            if (index < 0) {
                throw Names.invalid(field, what, text, "has an unknown unit " + Names.quote(unit) + ": " + FORMAT);
            }
            if (index <= lastUnit) {
                throw Names.invalid(field, what, text, "must give each unit once, larger units first (d, h, m, s)");
            }
            lastUnit = index;
            total = add(field, what, text, total, part.group(1), index);
            end = part.end();
        }
        if (end != text.length()) {
            throw Names.invalid(field, what, text, "is not a valid duration: " + FORMAT);
        }
        return total;
    }

    private static Duration add(String field, String what, String text, Duration total, String number, int unit) {
        try {
            long value = Long.parseLong(number);
            return total.plus(
                    switch (UNITS.charAt(unit)) {
                        case 'd' -> Duration.ofDays(value);
                        case 'h' -> Duration.ofHours(value);
                        case 'm' -> Duration.ofMinutes(value);
                        default -> Duration.ofSeconds(value);
                    });
        } catch (ArithmeticException | NumberFormatException e) {
            throw Names.invalid(field, what, text, "is too long");
        }
    }

    /**
     * @return a positive duration in the short form this class parses, such as {@code 1h30m} or {@code 3d};
     *     ISO-8601 when it has a fraction of a second
     */
    public static String format(Duration duration) {
        StringBuilder text = new StringBuilder();
        long seconds = duration.getSeconds();
        long[] sizes = {86_400, 3_600, 60, 1};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds >= sizes[i]) {
                text.append(seconds / sizes[i]).append(UNITS.charAt(i));
                seconds %= sizes[i];
            }
        }
        return text.isEmpty() || duration.getNano() != 0 ? duration.toString() : text.toString();
    }
}
