package io.jenkins.plugins.environments.approval;

import java.util.Locale;

/** The id rules Jenkins itself offers, with the same behaviour as its {@code IdStrategy} variants. */
public enum StandardIdRule implements IdRule {
    /** {@code Alice} and {@code alice} are one id; the default of Jenkins realms. */
    CASE_INSENSITIVE {
        @Override
        public String keyFor(String id) {
            return id.toLowerCase(Locale.ENGLISH);
        }
    },
    /** {@code Alice} and {@code alice} are two ids. */
    CASE_SENSITIVE {
        @Override
        public String keyFor(String id) {
            return id;
        }
    },
    /**
     * Ids are e-mail addresses: the part before the last {@code @} is case-sensitive, the domain after it is
     * not ({@code Bob@Example.com} equals {@code Bob@example.com}, not {@code bob@example.com}).
     */
    CASE_SENSITIVE_EMAIL {
        @Override
        public String keyFor(String id) {
            int at = id.lastIndexOf('@');
            return at < 0 ? id : id.substring(0, at) + id.substring(at).toLowerCase(Locale.ENGLISH);
        }
    }
}
