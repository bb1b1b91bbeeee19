package io.jenkins.plugins.environments.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which values are literal secrets rather than references, placeholders or names of secrets kept elsewhere. The key a
 * value is under ({@link SecretKeys}) decides only borderline cases: long numbers count under password keys, and
 * {@code auth}, {@code dsn} and connection strings need a credential-shaped value. Values longer than 64 characters
 * are only checked by prefix and by a constant number of passes.
 */
public final class SecretValues {

    private SecretValues() {}

    private static final Set<String> PLACEHOLDERS = SecretKeys.wordSet(
            "changeme changeit replaceme redacted removed hidden masked todo tbd fixme none null nil "
                    + "undefined empty unset notset required optional enabled disabled password passwd secret "
                    + "token apikey placeholder example sample dummy true false yes no on off auto default "
                    + "generated random encrypted");
    private static final List<String> REFERENCE_PREFIXES = List.of(
            "ENC[",
            "vault:",
            "ref+",
            "arn:aws:secretsmanager:",
            "arn:aws:ssm:",
            "secretsmanager:",
            "ssm:",
            "gcpsm:",
            "azkv:",
            "sm://",
            "op://",
            "env:",
            "file:",
            "k8s:",
            "secret:",
            "$ANSIBLE_VAULT",
            "-----BEGIN PGP MESSAGE",
            "projects/",
            "akv:",
            "keyvault:",
            "bw:",
            "doppler:");
    private static final Set<String> NAME_PARTS =
            SecretKeys.wordSet("secret secrets credentials creds tls cert certs auth keys key token tokens password "
                    + "passwords keystore truststore apikey");

    /**
     * @param name the key the value is under (for long numbers under password keys), or {@code null}
     * @param value the scalar value as the parser gives it
     * @return whether the value is a literal secret: not empty, not a reference ({@code ${X}}, {@code $(X)},
     *     {@code {{ … }}}, {@code <…>}, sops {@code ENC[…]}, vault and secret manager references), not a placeholder
     *     ({@code changeme}, {@code xxxx}, {@code your-token-here}), not a boolean, number or duration, not a path
     *     or plain URL, and not the name of a Kubernetes Secret ({@code shop-db-credentials})
     */
    public static boolean isLiteralSecret(String name, String value) {
        return isLiteral(name, value, true);
    }

    /**
     * @return like {@link #isLiteralSecret}, for the value of an environment variable: never the name of a Secret,
     *     since a variable's value is the text itself
     */
    public static boolean isLiteralVariableValue(String name, String value) {
        return isLiteral(name, value, false);
    }

    private static boolean isLiteral(String name, String value, boolean mayNameSecret) {
        if (value == null) {
            return false;
        }
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1).strip();
        }
        if (v.length() < 3 || TokenFormats.isReference(v) || v.contains("{{") || v.startsWith("[")) {
            return false;
        }
        if (v.length() <= 64) {
            String simple = v.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (simple.isEmpty()
                    || PLACEHOLDERS.contains(simple)
                    || simple.startsWith("your")
                    || simple.startsWith("insert")
                    || simple.startsWith("replace")
                    || simple.startsWith("change")
                    || simple.startsWith("enter")
                    || oneCharacter(v)) {
                return false;
            }
            if (isNumber(v)) {
                return name != null && SecretKeys.isPasswordKey(name) && v.length() >= 6;
            }
            if (isDuration(v) || mayNameSecret && isSecretName(name, v)) {
                return false;
            }
        }
        if (isSealed(v)) {
            return false;
        }
        for (String prefix : REFERENCE_PREFIXES) {
            if (v.startsWith(prefix)) {
                return false;
            }
        }
        if ((v.startsWith("/") || v.startsWith("./") || v.startsWith("../") || v.startsWith("~/"))
                && v.indexOf(' ') < 0) {
            return false;
        }
        if (v.contains("://") && v.indexOf('@') < 0 && v.indexOf('?') < 0 && v.indexOf(' ') < 0) {
            return false;
        }
        if (name != null && SecretKeys.isWeakKey(name)) {
            return v.length() >= 8 && v.indexOf(' ') < 0 && (v.indexOf(':') > 0 || v.indexOf('@') > 0 || mixed(v));
        }
        return true;
    }

    /** A SealedSecret's ciphertext: long base64 that starts with {@code Ag}. */
    private static boolean isSealed(String v) {
        if (!v.startsWith("Ag") || v.length() < 200) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=')) {
                return false;
            }
        }
        return true;
    }

    private static boolean oneCharacter(String v) {
        return v.chars().distinct().count() == 1;
    }

    private static boolean isNumber(String v) {
        boolean digit = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != '_') {
                return false;
            }
        }
        return digit;
    }

    /** {@code 30s}, {@code 24h}, {@code 7d}, {@code 1Gi}: a number and a short unit. */
    private static boolean isDuration(String v) {
        int i = 0;
        while (i < v.length() && Character.isDigit(v.charAt(i))) {
            i++;
        }
        return i > 0 && v.length() - i <= 2 && v.substring(i).chars().allMatch(Character::isLetter) && v.length() <= 8;
    }

    /**
     * A DNS-1123 name of words ({@code shop-db-credentials}, {@code app-tls}) that names a Kubernetes Secret: under a
     * key ending in {@code secret}, or with a word that says what it holds. Digits in a word make it a literal.
     */
    private static boolean isSecretName(String name, String v) {
        if (v.indexOf('-') < 0) {
            return false;
        }
        boolean holds = false;
        for (String part : v.split("[-.]", -1)) {
            if (part.isEmpty() || !part.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                return false;
            }
            holds |= NAME_PARTS.contains(part);
        }
        if (holds) {
            return true;
        }
        List<String> words = name == null ? List.of() : SecretKeys.words(SecretKeys.lastSegment(name));
        return !words.isEmpty() && words.get(words.size() - 1).startsWith("secret");
    }

    private static boolean mixed(String v) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < v.length(); i++) {
            letter |= Character.isLetter(v.charAt(i));
            digit |= Character.isDigit(v.charAt(i));
        }
        return letter && digit;
    }
}
