package io.jenkins.plugins.environments.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The lower-case ids of the model's enums and the parsing of them, shared so that every enum reads alike. */
final class EnumIds {

    private EnumIds() {}

    /** @return the constant's name in lower case, as configuration files and pipelines write it */
    static String id(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds the constant whose id is the value, ignoring case.
     *
     * @throws InvalidConfigurationException for {@code field} that lists the allowed ids
     */
    static <E extends Enum<E>> E parse(Class<E> type, String field, String what, String value) {
        E[] constants = type.getEnumConstants();
        String allowed = Arrays.stream(constants).map(EnumIds::id).collect(Collectors.joining(", "));
        if (Names.isBlank(value)) {
            throw new InvalidConfigurationException(field, what + " is required: use one of " + allowed);
        }
        for (E constant : constants) {
            if (id(constant).equals(value.toLowerCase(Locale.ROOT))) {
                return constant;
            }
        }
        throw Names.invalid(field, what, value, "is not known: use one of " + allowed);
    }
}
