package io.jenkins.plugins.environments.fidelity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jboss.marshalling.Marshaller;
import org.jboss.marshalling.Marshalling;
import org.jboss.marshalling.MarshallingConfiguration;
import org.jboss.marshalling.ObjectResolver;
import org.jboss.marshalling.SimpleClassResolver;
import org.jboss.marshalling.Unmarshaller;
import org.jboss.marshalling.river.RiverMarshallerFactory;

/**
 * Writes an object graph and reads it back the way workflow-support 1015.v785e5a_b_b_8b_22 keeps a pipeline's program
 * state in {@code program.dat} ({@code RiverWriter}, {@code RiverReader}), with the same JBoss Marshalling River
 * release (2.3.0, {@code org.jboss.marshalling}, the upstream artifact: workflow-support bundles it unchanged).
 *
 * <p>What is reproduced:
 *
 * <ul>
 *   <li>River's default {@link MarshallingConfiguration}: no version set (River writes its newest protocol), no
 *       serializability checker of its own (River's default one: a class must implement {@link Serializable}),
 *       {@code writeReplace}/{@code readResolve} and transient fields as River handles them.
 *   <li>Two streams in one file: the main stream, in which an object a pickle factory takes is written as a small
 *       capsule holding its index, and then the stream of the pickles themselves; a header names where the second
 *       starts. The reader reads the pickles first, rehydrates them, and resolves each capsule of the main stream to
 *       its rehydrated object.
 *   <li>Reading with a {@link SimpleClassResolver} on a given class loader (Jenkins gives the plugins' class loader).
 * </ul>
 *
 * <p>What is not: the pickle factories are the test's ({@link Pickler}), not Jenkins' (which turn a {@code Secret}, a
 * {@code FilePath}, a {@code Launcher}, an executor or a computer into a pickle that finds the live object again when
 * the build resumes); the flow's owner, which Jenkins writes as a marker and puts back on reading, is not written at
 * all; reading is not wrapped in script-security's Groovy sandbox, which concerns only Groovy classes. None of the
 * plugin's program state holds a {@code Run}, a {@code TaskListener} or a {@code FilePath}, so none of these placeholders
 * stands in for something the plugin relies on.
 */
public final class RiverRoundTrip {

    /** Turns an object that cannot be kept as it is into a pickle, and a pickle back into a live object. */
    public interface Pickler {

        /** @return the pickle of {@code object}, or {@code null} when this pickler does not take it */
        Serializable pickle(Object object);

        /** @return the live object again, as when the build resumes */
        Object rehydrate(Serializable pickle);
    }

    /** Where a pickled object stood in the main stream: the index of its pickle. */
    private record Capsule(int index) implements Serializable {}

    /** A pickle as the second stream keeps it, with the pickler that made it. */
    private record Kept(int pickler, Serializable pickle) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private static final long MAGIC = 0x52_69_76_65_72_54_65_73L;
    private static final short VERSION = 1;
    private static final int HEADER_SIZE = Long.BYTES + Short.BYTES + Integer.BYTES;

    private final List<Pickler> picklers;
    private final ClassLoader classLoader;

    private RiverRoundTrip(List<Pickler> picklers, ClassLoader classLoader) {
        this.picklers = List.copyOf(picklers);
        this.classLoader = classLoader;
    }

    /** @return a round trip without pickles, reading with this class's loader */
    public static RiverRoundTrip plain() {
        return new RiverRoundTrip(List.of(), RiverRoundTrip.class.getClassLoader());
    }

    /** @return a round trip that pickles what one of {@code picklers} takes */
    public static RiverRoundTrip withPicklers(Pickler... picklers) {
        return new RiverRoundTrip(List.of(picklers), RiverRoundTrip.class.getClassLoader());
    }

    /** @return the object written and read back, a new object graph */
    @SuppressWarnings("unchecked")
    public <T> T roundTrip(T object) throws IOException, ClassNotFoundException {
        return (T) read(write(object));
    }

    /** @return the bytes of {@code object}: header, main stream, pickles */
    public byte[] write(Object object) throws IOException {
        List<Kept> pickles = new ArrayList<>();
        boolean[] pickling = {true};
        MarshallingConfiguration config = new MarshallingConfiguration();
        config.setObjectResolver(new ObjectResolver() {
            @Override
            public Object readResolve(Object replacement) {
                throw new IllegalStateException("a writer only writes");
            }

            @Override
            public Object writeReplace(Object original) {
                if (pickling[0]) {
                    for (int i = 0; i < picklers.size(); i++) {
                        Serializable pickle = picklers.get(i).pickle(original);
                        if (pickle != null) {
                            pickles.add(new Kept(i, pickle));
                            return new Capsule(pickles.size() - 1);
                        }
                    }
                }
                return original;
            }
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[HEADER_SIZE]);
        Marshaller marshaller = new RiverMarshallerFactory().createMarshaller(config);
        marshaller.start(Marshalling.createByteOutput(bytes));
        marshaller.writeObject(object);
        marshaller.finish();
        int picklesAt = bytes.size();
        pickling[0] = false;
        marshaller.start(Marshalling.createByteOutput(bytes));
        marshaller.writeObject(new ArrayList<>(pickles));
        marshaller.finish();
        byte[] all = bytes.toByteArray();
        ByteBuffer.wrap(all, 0, HEADER_SIZE).putLong(MAGIC).putShort(VERSION).putInt(picklesAt);
        return all;
    }

    /** @return the object {@link #write} wrote, its pickles rehydrated */
    public Object read(byte[] bytes) throws IOException, ClassNotFoundException {
        DataInputStream header = new DataInputStream(new ByteArrayInputStream(bytes, 0, HEADER_SIZE));
        if (header.readLong() != MAGIC || header.readShort() != VERSION) {
            throw new IOException("not a program state written by RiverRoundTrip");
        }
        int picklesAt = header.readInt();
        List<Object> live = new ArrayList<>();
        for (Object kept : (List<?>) readStream(bytes, picklesAt, bytes.length, null)) {
            Kept k = (Kept) kept;
            live.add(picklers.get(k.pickler()).rehydrate(k.pickle()));
        }
        ObjectResolver capsules = new ObjectResolver() {
            @Override
            public Object readResolve(Object replacement) {
                return replacement instanceof Capsule capsule ? live.get(capsule.index()) : replacement;
            }

            @Override
            public Object writeReplace(Object original) {
                throw new IllegalStateException("a reader only reads");
            }
        };
        return readStream(bytes, HEADER_SIZE, picklesAt, capsules);
    }

    private Object readStream(byte[] bytes, int from, int to, ObjectResolver resolver)
            throws IOException, ClassNotFoundException {
        MarshallingConfiguration config = new MarshallingConfiguration();
        config.setClassResolver(new SimpleClassResolver(classLoader));
        if (resolver != null) {
            config.setObjectResolver(resolver);
        }
        Unmarshaller unmarshaller = new RiverMarshallerFactory().createUnmarshaller(config);
        try {
            unmarshaller.start(Marshalling.createByteInput(new ByteArrayInputStream(bytes, from, to - from)));
            return unmarshaller.readObject();
        } finally {
            unmarshaller.finish();
        }
    }
}
