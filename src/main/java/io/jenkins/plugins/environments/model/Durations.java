package io.jenkins.plugins.environments.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as administrators write them: a number and a unit ({@code 30s}, {@code 5m}, {@code 72h},
 * {@code 7d}), several of them with each unit once and the larger first ({@code 1h30m}, {@code 1d12h}),
 * or ISO-8601 ({@code PT5M}, {@code P2D}). A duration must be longer than zero and at most a maximum: the caller's
 * (an administrator's setting), or else {@link #CEILING}. No wait, expiry or timeout of the plugin is longer than the
 * ceiling, and a bound of that size keeps every sum with a point in time and every conversion to nanoseconds far from
 * overflow. Numbers too large for any duration get the same message as a duration over the maximum.
 */
public final class Durations {

    static final String FORMAT = "use a number with a unit s, m, h or d, such as '30s', '5m', '72h', '7d' or"
            + " '1h30m', or ISO-8601 such as 'PT5M'";

    /** The longest duration this class accepts: 365 days. */
    public static final Duration CEILING = Duration.ofDays(365);

    /** Texts longer than this are not durations; they are refused without being repeated in the message. */
    static final int MAX_TEXT = 40;

    private static final String CEILING_OWNER = "the longest duration the plugin accepts";
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
        return parse(field, what, text, CEILING, CEILING_OWNER);
    }

    /**
     * Parses a duration that must not be longer than {@code max}.
     *
     * @param max the longest duration allowed, at most {@link #CEILING}
     * @param whoseMax what the maximum is, for the message, such as {@code "the longest TTL the administrator allows
     *     (maxTtl)"}
     * @throws InvalidConfigurationException for {@code field}, naming the value as {@code what}
     */
    public static Duration parse(String field, String what, String text, Duration max, String whoseMax) {
        if (Names.isBlank(text)) {
            throw new InvalidConfigurationException(field, what + " is required: " + FORMAT);
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidConfigurationException(
                    field, what + " is " + text.length() + " characters long, too long for a duration: " + FORMAT);
        }
        Bound bound = new Bound(field, what, text, max, whoseMax);
        Duration duration =
                text.startsWith("P") || text.startsWith("p") || text.startsWith("-P") ? iso(bound) : withUnits(bound);
        if (duration.isNegative() || duration.isZero()) {
            throw Names.invalid(field, what, text, "must be longer than zero");
        }
        return requireAtMost(field, what, text, duration, max, whoseMax);
    }

    /**
     * @return the duration, which must not be longer than {@code max}; {@code text} is how it was written
     * @throws InvalidConfigurationException for {@code field} otherwise
     */
    public static Duration requireAtMost(
            String field, String what, String text, Duration duration, Duration max, String whoseMax) {
        if (duration.compareTo(max) > 0) {
            throw tooLong(new Bound(field, what, text, max, whoseMax));
        }
        return duration;
    }

    /** @return the duration, longer than zero and at most {@link #CEILING}; {@code text} is how it was written */
    static Duration requirePositive(String field, String what, String text, Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw Names.invalid(field, what, text, "must be longer than zero");
        }
        return requireAtMost(field, what, text, duration, CEILING, CEILING_OWNER);
    }

    /** What a parse is about and how long it may be, for the messages. */
    private record Bound(String field, String what, String text, Duration max, String whoseMax) {}

    private static InvalidConfigurationException tooLong(Bound b) {
        return Names.invalid(b.field, b.what, b.text, "is longer than " + b.whoseMax + ": " + format(b.max));
    }

    private static Duration iso(Bound b) {
        String field = b.field;
        String what = b.what;
        String text = b.text;
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            if (e.getCause() instanceof ArithmeticException) {
                throw tooLong(b);
            }
            throw Names.invalid(field, what, text, "is not a valid ISO-8601 duration: " + FORMAT);
        }
    }

    private static Duration withUnits(Bound b) {
        String field = b.field;
        String what = b.what;
        String text = b.text;
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
            total = add(b, total, part.group(1), index);
            end = part.end();
        }
        if (end != text.length()) {
            throw Names.invalid(field, what, text, "is not a valid duration: " + FORMAT);
        }
        return total;
    }

    private static Duration add(Bound b, Duration total, String number, int unit) {
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
            throw tooLong(b);
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
