package io.jenkins.plugins.environments.kubernetes;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** Writes and reads PEM blocks ({@code -----BEGIN TYPE-----}) as {@code char[]}, wiping the buffers it fills. */
final class Pem {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {}

    /** One decoded block: its type (such as {@code PRIVATE KEY}) and its DER bytes. */
    record Block(String type, byte[] der) {}

    /** Appends one block of {@code der} to {@code out}. */
    static void append(StringBuilder out, String type, byte[] der) {
        byte[] base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encode(der);
        out.append(BEGIN).append(type).append(DASHES).append('\n');
        for (byte b : base64) {
            out.append((char) b);
        }
        out.append('\n').append(END).append(type).append(DASHES).append('\n');
        Arrays.fill(base64, (byte) 0);
    }

    /** Copies the builder into a new array and wipes the builder. */
    static char[] drain(StringBuilder builder) {
        char[] chars = new char[builder.length()];
        builder.getChars(0, chars.length, chars, 0);
        for (int i = 0; i < builder.length(); i++) {
            builder.setCharAt(i, '\0');
        }
        builder.setLength(0);
        return chars;
    }

    /**
     * The first PEM block in {@code text}.
     *
     * @throws IllegalArgumentException if there is none or its body is not Base64; the message never quotes the text
     */
    static Block first(char[] text) {
        int begin = indexOf(text, BEGIN, 0);
        if (begin < 0) {
            throw new IllegalArgumentException("no PEM block found");
        }
        int typeStart = begin + BEGIN.length();
        int typeEnd = indexOf(text, DASHES, typeStart);
        if (typeEnd < 0) {
            throw new IllegalArgumentException("malformed PEM header");
        }
        String type = new String(text, typeStart, typeEnd - typeStart);
        int bodyStart = typeEnd + DASHES.length();
        int bodyEnd = indexOf(text, END + type + DASHES, bodyStart);
        if (bodyEnd < 0) {
            throw new IllegalArgumentException("PEM block " + type + " has no end line");
        }
        byte[] body = new byte[bodyEnd - bodyStart];
        int length = 0;
        for (int i = bodyStart; i < bodyEnd; i++) {
            if (!Character.isWhitespace(text[i])) {
                body[length++] = (byte) text[i];
            }
        }
        try {
            ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(body, 0, length));
            byte[] der = new byte[decoded.remaining()];
            decoded.get(der);
            wipe(decoded);
            return new Block(type, der);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM block " + type + " is not valid Base64");
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    /** The whole text as Base64 of its UTF-8 bytes, the form fabric8 expects for {@code *Data} fields. */
    static String base64(char[] text) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        wipe(encoded);
        try {
            return Base64.getEncoder().encodeToString(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static void wipe(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
    }

    private static int indexOf(char[] text, String needle, int from) {
        outer:
        for (int i = from; i <= text.length - needle.length(); i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (text[i + j] != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
