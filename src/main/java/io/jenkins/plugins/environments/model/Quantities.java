package io.jenkins.plugins.environments.model;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities such as {@code 500m}, {@code 2}, {@code 1.5} or {@code 4Gi}: a plain
 * decimal number with an optional suffix, {@code m} (thousandths), decimal {@code k M G T} or binary
 * {@code Ki Mi Gi Ti}. A quantity must be more than zero. For memory the suffix {@code m} is refused: it
 * means thousandths of a byte and is almost always a mistake for {@code Mi}. Quantities are compared after
 * converting them to plain numbers of cores or bytes.
 */
public final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(m|k|Ki|M|Mi|G|Gi|T|Ti)?");
    private static final Map<String, BigDecimal> SUFFIXES = Map.of(
            "m", new BigDecimal("0.001"),
            "k", BigDecimal.TEN.pow(3),
            "M", BigDecimal.TEN.pow(6),
            "G", BigDecimal.TEN.pow(9),
            "T", BigDecimal.TEN.pow(12),
            "Ki", BigDecimal.valueOf(1024),
            "Mi", BigDecimal.valueOf(1024).pow(2),
            "Gi", BigDecimal.valueOf(1024).pow(3),
            "Ti", BigDecimal.valueOf(1024).pow(4));

    private Quantities() {}

    /**
     * @return the amount in whole units (cores, or bytes, or pods …)
     * @throws InvalidConfigurationException for {@code field}
     */
    public static BigDecimal parse(String field, String what, String value) {
        Names.require(field, what, value);
        Matcher quantity = QUANTITY.matcher(value);
        if (!quantity.matches()) {
            throw Names.invalid(
                    field,
                    what,
                    value,
                    "is not a valid Kubernetes quantity: use a number with an optional suffix m, k, Ki, M, Mi, G, Gi,"
                            + " T or Ti, such as '500m' or '4Gi'");
        }
        BigDecimal amount = new BigDecimal(quantity.group(1));
        if (amount.signum() == 0) {
            throw Names.invalid(field, what, value, "must be more than zero");
        }
        String suffix = quantity.group(2);
        return suffix == null ? amount : amount.multiply(SUFFIXES.get(suffix));
    }

    /** @return the amount of memory in bytes; as {@link #parse}, and the suffix {@code m} is refused */
    public static BigDecimal parseMemory(String field, String what, String value) {
        BigDecimal bytes = parse(field, what, value);
        if (value.endsWith("m")) {
            throw Names.invalid(
                    field, what, value, "is in thousandths of a byte ('m'): use Mi for mebibytes, such as '128Mi'");
        }
        return bytes;
    }

    /** @return a CPU quantity as written, checked by {@link #parse}, or {@code fallback} when blank */
    public static String cpuOrDefault(String field, String what, String value, String fallback) {
        if (Names.isBlank(value)) {
            return fallback;
        }
        parse(field, what, value);
        return value;
    }

    /** @return a memory quantity as written, checked by {@link #parseMemory}, or {@code fallback} when blank */
    public static String memoryOrDefault(String field, String what, String value, String fallback) {
        if (Names.isBlank(value)) {
            return fallback;
        }
        parseMemory(field, what, value);
        return value;
    }

    /**
     * Requires one quantity to be at most another; problems are reported for {@code field}.
     *
     * @param reason why it matters, ending the message
     */
    public static void requireAtMost(
            String field, String what, String value, String otherWhat, String other, String reason) {
        if (parse(field, what, value).compareTo(parse(field, otherWhat, other)) > 0) {
            throw Names.invalid(
                    field, what, value, "is more than " + otherWhat + " " + Names.quote(other) + ": " + reason);
        }
    }
}
