package io.jenkins.plugins.environments.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the names of the classes a compiled class refers to, from its constant pool: class entries,
 * and the type descriptors and generic signatures of fields, methods and annotations. String literals
 * are left out, so that a message that happens to mention {@code jenkins/} is not a reference.
 */
final class ClassFileReferences {

    /** An internal class name as it appears alone or inside a descriptor ({@code Lhudson/model/Run;}). */
    private static final Pattern NAME = Pattern.compile("(?:^|[L\\[(;)<])([a-zA-Z_$][\\w$]*(?:/[\\w$]+)+)");

    private ClassFileReferences() {}

    /** @return the binary names (dots, {@code $} for nested types) of every class the class file mentions */
    static Set<String> of(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        Set<Integer> stringLiterals = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 8 -> stringLiterals.add(in.readUnsignedShort());
                case 7, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // eight-byte constants take two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> names = new TreeSet<>();
        for (int i = 1; i < count; i++) {
            if (utf8[i] != null && !stringLiterals.contains(i)) {
                names.addAll(namesIn(utf8[i]));
            }
        }
        return names;
    }

    private static List<String> namesIn(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            found.add(m.group(1).replace('/', '.'));
        }
        return found;
    }
}
