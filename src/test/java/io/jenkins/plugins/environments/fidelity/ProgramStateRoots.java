package io.jenkins.plugins.environments.fidelity;

import hudson.model.Action;
import hudson.model.RootAction;
import io.jenkins.plugins.environments.jenkins.PreviewAction;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Finds, among the plugin's compiled classes, every class whose objects pipeline program state may hold: each step
 * execution, each action that can be attached to a run (every {@link Action} but the {@link RootAction}s, which hang
 * off Jenkins itself), and each cause with which a step interrupts a build. So a new one is checked without anyone
 * adding it to a list.
 */
final class ProgramStateRoots {

    private static final String PLUGIN = "io.jenkins.plugins.environments.";

    private ProgramStateRoots() {}

    /** @return the concrete classes program state may hold, by name */
    static List<Class<?>> find() throws IOException, URISyntaxException {
        Path top = Path.of(PreviewAction.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        if (!Files.isDirectory(top)) {
            throw new IllegalStateException("the plugin's classes are not in a folder: " + top);
        }
        try (Stream<Path> files = Files.walk(top.resolve(PLUGIN.replace('.', '/')))) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> top.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(ProgramStateRoots::load)
                    .filter(ProgramStateRoots::heldByProgramState)
                    .sorted(Comparator.comparing(Class::getName))
                    .toList();
        }
    }

    private static boolean heldByProgramState(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return false;
        }
        return StepExecution.class.isAssignableFrom(type)
                || CauseOfInterruption.class.isAssignableFrom(type)
                || (Action.class.isAssignableFrom(type) && !RootAction.class.isAssignableFrom(type));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ProgramStateRoots.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
