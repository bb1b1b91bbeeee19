package io.jenkins.plugins.environments.jenkins;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mockStatic;

import hudson.Util;
import java.lang.reflect.Field;
import java.util.Map;
import org.mockito.MockedStatic;
import org.objenesis.ObjenesisStd;

/** What the tests of the configuration entries need from Jenkins, without Jenkins. */
final class EntryFixtures {

    private EntryFixtures() {}

    /**
     * Jenkins' {@code Util.fixEmptyAndTrim}, which the entries call on every text they get, with its behaviour:
     * trimmed, and {@code null} when blank. Close it after the test.
     */
    static MockedStatic<Util> jenkinsUtil() {
        MockedStatic<Util> util = mockStatic(Util.class);
        util.when(() -> Util.fixEmptyAndTrim(any())).thenAnswer(call -> {
            String text = call.getArgument(0);
            return text == null || text.isBlank() ? null : text.trim();
        });
        return util;
    }

    /**
     * An object as XStream reads it from a saved file: made without running a constructor (so no Jenkins class is
     * constructed and no check runs), each field set to what the file says.
     */
    static <T> T asRead(Class<T> type, Map<String, Object> fields) {
        T object = new ObjenesisStd().newInstance(type);
        fields.forEach((name, value) -> {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                field.set(object, value);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot set " + type.getSimpleName() + "." + name, e);
            }
        });
        return object;
    }
}
