package io.jenkins.plugins.environments.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which names hold secrets ({@code password}, {@code db_pass}, {@code apiKey}, {@code AWS_SECRET_ACCESS_KEY},
 * {@code client-secret}, …). Whether a value under such a name is a literal secret is {@link SecretValues}' rule.
 *
 * <p>A name is split into words at separators and case changes, in any case and with any separator. It holds
 * a secret when its last word is a secret word ({@code password}, {@code passwd}, {@code pwd}, {@code pass},
 * {@code passphrase}, {@code secret}, {@code token}, {@code credentials}, …) or is {@code key} after a qualifier
 * ({@code api}, {@code access}, {@code secret}, {@code private}, {@code signing}, …), or when the whole name is a
 * connection string or DSN. Trailing words such as {@code value}, {@code b64} or {@code prod} are ignored; names that
 * start with {@code existing}, {@code use}, {@code enable}, … and names that end in another word ({@code secretName},
 * {@code tokenPath}, {@code passwordFile}, {@code secretKeyRef}, {@code passwordMinLength}) describe a secret and do not
 * hold one. All work is bounded: names longer than {@value #MAX_NAME} characters are not secret names.
 */
public final class SecretKeys {

    static final int MAX_NAME = 128;

    private static final Set<String> SECRET_WORDS =
            wordSet("password passwd pwd pass passphrase secret token tokens passwords credentials credential "
                    + "creds apikey accesskey secretkey privatekey clientsecret htpasswd pgpass auth dsn "
                    + "connectionstring connstring connstr");
    private static final List<String> SECRET_ENDINGS = wordList(
            "password passwd passphrase secret token apikey accesskey secretkey privatekey " + "credentials pwd");
    private static final Set<String> NOT_PASS = wordSet("bypass compass surpass trespass encompass");
    private static final Set<String> KEY_QUALIFIERS =
            wordSet("api access secret private signing sign encryption encrypt enc master shared license "
                    + "account storage subscription app hmac client auth session jwt ssh deploy consumer write "
                    + "ingest integration routing service webhook cookie crypt aes gpg pgp admin root cipher "
                    + "decryption server partner merchant preshared");
    private static final Set<String> IGNORED_LAST =
            wordSet("value data b64 base64 encoded plain plaintext raw hex text content contents literal "
                    + "input base prod production staging stage dev test qa preview local old new current next "
                    + "previous legacy override primary secondary backup str string");
    private static final Set<String> DESCRIBING_FIRST =
            wordSet("existing use enable enabled create generate require allow disable skip auto mount is has "
                    + "show no rotate random checksum hash sha");

    private SecretKeys() {}

    /** @return whether a key or variable name (or the last segment of a dotted path) names a secret value */
    public static boolean isSecretKey(String name) {
        return kind(name) != Kind.NONE;
    }

    /**
     * @return whether a name needs a credential-shaped value to count ({@code auth}, {@code dsn}, connection strings):
     *     one word of at least 8 characters with a {@code :}, an {@code @}, or letters and digits
     */
    static boolean isWeakKey(String name) {
        return kind(name) == Kind.WEAK;
    }

    /** @return whether the name's last word is a password word, for which a long number is a literal too */
    public static boolean isPasswordKey(String name) {
        List<String> words = words(lastSegment(name));
        if (words.isEmpty()) {
            return false;
        }
        String last = words.get(words.size() - 1);
        return last.endsWith("password")
                || last.endsWith("passwd")
                || last.equals("pwd")
                || last.equals("pass")
                || last.equals("passphrase");
    }

    private enum Kind {
        NONE,
        WEAK,
        STRONG
    }

    private static Kind kind(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            return Kind.NONE;
        }
        List<String> words = words(lastSegment(name));
        if (words.isEmpty() || DESCRIBING_FIRST.contains(words.get(0))) {
            return Kind.NONE;
        }
        String joined = String.join("", words);
        if (joined.endsWith("connectionstring") || joined.endsWith("connstring") || joined.equals("connstr")) {
            return Kind.WEAK;
        }
        while (words.size() > 1
                && (IGNORED_LAST.contains(words.get(words.size() - 1))
                        || words.get(words.size() - 1).chars().allMatch(Character::isDigit))) {
            words.remove(words.size() - 1);
        }
        String last = withoutTrailingDigits(words.get(words.size() - 1));
        if (last.equals("auth") || last.equals("dsn")) {
            return Kind.WEAK;
        }
        if (SECRET_WORDS.contains(last)) {
            return Kind.STRONG;
        }
        if (last.endsWith("pass") && !NOT_PASS.contains(last) && last.length() <= 10) {
            return Kind.STRONG;
        }
        for (String ending : SECRET_ENDINGS) {
            if (last.endsWith(ending)) {
                return Kind.STRONG;
            }
        }
        if ((last.equals("key") || last.equals("keys"))
                && words.size() > 1
                && KEY_QUALIFIERS.contains(words.get(words.size() - 2))) {
            return Kind.STRONG;
        }
        return Kind.NONE;
    }

    private static String withoutTrailingDigits(String word) {
        int end = word.length();
        while (end > 1 && Character.isDigit(word.charAt(end - 1))) {
            end--;
        }
        return word.substring(0, end);
    }

    /** @return the part after the last {@code .}, without a trailing list index {@code [n]} */
    static String lastSegment(String name) {
        String n = name;
        int bracket = n.lastIndexOf('[');
        if (bracket > 0 && n.endsWith("]")) {
            n = n.substring(0, bracket);
        }
        int cut = n.lastIndexOf('.');
        return cut >= 0 && cut < n.length() - 1 ? n.substring(cut + 1) : n;
    }

    /**
     * @return the lower-case words of a name: split at characters other than letters and digits, at lower-to-upper
     *     changes and at the end of an acronym ({@code APIKey}); digits stay with the word before them
     */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isDigit(c)) {
                word.append(c);
                continue;
            }
            if (!Character.isLetter(c)) {
                flush(words, word);
                continue;
            }
            boolean upper = Character.isUpperCase(c);
            if (upper && i > 0) {
                char prev = name.charAt(i - 1);
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(prev)
                        || Character.isDigit(prev)
                        || (Character.isUpperCase(prev) && nextLower)) {
                    flush(words, word);
                }
            }
            word.append(Character.toLowerCase(c));
        }
        flush(words, word);
        return words;
    }

    private static void flush(List<String> words, StringBuilder word) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    /** @return the set of the space-separated words */
    static Set<String> wordSet(String words) {
        return Set.of(words.split(" "));
    }

    /** @return the list of the space-separated words */
    static List<String> wordList(String words) {
        return List.of(words.split(" "));
    }
}
