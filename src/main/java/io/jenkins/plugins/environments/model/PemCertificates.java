package io.jenkins.plugins.environments.model;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check of a pasted PEM certificate or bundle: one or more blocks from
 * {@code -----BEGIN CERTIFICATE-----} to {@code -----END CERTIFICATE-----}, each with a body of standard
 * base64 (line breaks allowed) that decodes. Text between blocks, such as the comments of a CA bundle, is
 * ignored. A private key pasted by mistake is refused, and the message says so without repeating it.
 */
public final class PemCertificates {

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";
    private static final Pattern BLOCK =
            Pattern.compile(Pattern.quote(BEGIN) + "(.*?)" + Pattern.quote(END), Pattern.DOTALL);
    private static final String WHAT = "CA certificate";

    private PemCertificates() {}

    /**
     * @return the text, checked
     * @throws InvalidConfigurationException for {@code field}
     */
    public static String check(String field, String text) {
        if (text.contains("PRIVATE KEY-----")) {
            throw new InvalidConfigurationException(
                    field, WHAT + " contains a private key: paste only the certificate, never a private key");
        }
        Matcher block = BLOCK.matcher(text);
        int blocks = 0;
        while (block.find()) {
            blocks++;
            String body = block.group(1).replaceAll("\\s", "");
            if (body.contains(BEGIN.substring(0, 10))) {
                break; // a second BEGIN before the END: counted as unmatched below
            }
            if (body.isEmpty() || !decodes(body)) {
                throw new InvalidConfigurationException(
                        field,
                        WHAT + " number " + blocks + " is not valid PEM: the text between " + BEGIN + " and " + END
                                + " must be base64");
            }
        }
        int begins = text.split(Pattern.quote(BEGIN), -1).length - 1;
        int ends = text.split(Pattern.quote(END), -1).length - 1;
        if (begins == 0 && ends == 0) {
            throw new InvalidConfigurationException(
                    field, WHAT + " is not a PEM certificate: paste the text from " + BEGIN + " to " + END);
        }
        if (begins != blocks || ends != blocks) {
            throw new InvalidConfigurationException(
                    field, WHAT + " has a " + BEGIN + " or " + END + " line without its partner");
        }
        return text;
    }

    private static boolean decodes(String base64) {
        try {
            Base64.getDecoder().decode(base64);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
