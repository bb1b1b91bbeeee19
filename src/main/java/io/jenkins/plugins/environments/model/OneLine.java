package io.jenkins.plugins.environments.model;

/**
 * The rule for text that must stay on one line and read the same to everyone: change tickets, finding ids, gate
 * reasons, log lines built from reports. Besides the ISO control characters (line feed, carriage return, NEL …) it
 * refuses what makes one line look like two or makes text read differently from what it is:
 *
 * <ul>
 *   <li>the line and paragraph separators U+2028 and U+2029;
 *   <li>the bidirectional controls U+061C, U+200E, U+200F, U+202A–U+202E and U+2066–U+2069 ("Trojan Source");
 *   <li>the zero-width characters U+200B–U+200D, U+2060 and U+FEFF.
 * </ul>
 *
 * <p>Every check here is one pass over the text.
 */
public final class OneLine {

    private OneLine() {}

    /** @return whether the code point breaks the one-line rule */
    public static boolean isUnsafe(int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return true;
        }
        return switch (codePoint) {
            case 0x2028, 0x2029, 0x061C, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x200B, 0x200C, 0x200D -> true;
            default -> codePoint >= 0x202A && codePoint <= 0x202E || codePoint >= 0x2066 && codePoint <= 0x2069;
        };
    }

    /** @return whether some character of the text breaks the rule; {@code false} for {@code null} */
    public static boolean hasUnsafe(String text) {
        return text != null && text.codePoints().anyMatch(OneLine::isUnsafe);
    }

    /**
     * @return the text shortened as {@link Names#truncate} does (at most {@code max} characters, then a marker that
     *     says how many were left out), with every character that breaks the rule replaced by a space, stripped
     */
    public static String of(String text, int max) {
        if (text == null) {
            return "";
        }
        String cut = Names.truncate(text, max);
        StringBuilder line = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> line.appendCodePoint(isUnsafe(c) ? ' ' : c));
        return line.toString().strip();
    }
}
