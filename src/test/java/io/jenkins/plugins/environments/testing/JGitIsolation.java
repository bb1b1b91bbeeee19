package io.jenkins.plugins.environments.testing;

import java.io.File;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Keeps JGit in this JVM away from the developer's configuration.
 *
 * <p>{@link #install()} wraps JGit's {@link SystemReader} (a JVM-wide singleton) so that the user, system and JGit
 * configuration files are empty in-memory configs that are never loaded from or saved to disk: a test never sees
 * {@code ~/.gitconfig} (signing, hooks, URL rewrites) and JGit never records file-system timestamp resolution in
 * {@code ~/.config/jgit/config}. {@code HOME}, {@code XDG_CONFIG_HOME}, {@code XDG_CACHE_HOME} and
 * {@code user.home} as seen by JGit point into a temporary directory that is deleted when the JVM exits.
 *
 * <p>The wrapper stays installed for the rest of the JVM; installing twice is harmless. Repository-level
 * configuration ({@code .git/config}) is unaffected. Because JGit can no longer cache the file-system timestamp
 * resolution it measures, the first repository a JVM touches on a file system costs about three seconds of
 * measurement (JGit's background measurement is not used: its probe files race with deleting the folder).
 */
public final class JGitIsolation {

    private static Path fakeHome;

    private JGitIsolation() {}

    /** Installs the isolating {@link SystemReader} unless it is already in place. */
    public static synchronized void install() {
        SystemReader current = SystemReader.getInstance();
        if (current instanceof IsolatingReader) {
            return;
        }
        if (fakeHome == null) {
            ScratchDirectory home = ScratchDirectory.create("jgit-home");
            Runtime.getRuntime().addShutdownHook(new Thread(home::close, "delete " + home.path()));
            fakeHome = home.path();
        }
        SystemReader.setInstance(new IsolatingReader(current, fakeHome));
    }

    private static final class IsolatingReader extends SystemReader.Delegate {

        private final Path home;

        IsolatingReader(SystemReader delegate, Path home) {
            super(delegate);
            this.home = home;
        }

        @Override
        public String getenv(String variable) {
            return switch (variable) {
                case "HOME" -> home.toString();
                case "XDG_CONFIG_HOME" -> home.resolve(".config").toString();
                case "XDG_CACHE_HOME" -> home.resolve(".cache").toString();
                default -> super.getenv(variable);
            };
        }

        @Override
        public String getProperty(String key) {
            return "user.home".equals(key) ? home.toString() : super.getProperty(key);
        }

        @Override
        public FileBasedConfig openUserConfig(Config parent, FS fs) {
            return new InMemoryConfig(parent, home.resolve(".gitconfig").toFile(), fs);
        }

        @Override
        public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            return new InMemoryConfig(parent, home.resolve("etc-gitconfig").toFile(), fs);
        }

        @Override
        public FileBasedConfig openJGitConfig(Config parent, FS fs) {
            return new InMemoryConfig(
                    parent, home.resolve(".config/jgit/config").toFile(), fs);
        }
    }

    /** A config that starts empty and is never read from or written to its (nominal) file. */
    private static final class InMemoryConfig extends FileBasedConfig {

        InMemoryConfig(Config parent, File nominalFile, FS fs) {
            super(parent, nominalFile, fs);
        }

        @Override
        public void load() {
            // Nothing to load: the configuration stays empty.
        }

        @Override
        public void save() {
            // Never persisted.
        }

        @Override
        public boolean isOutdated() {
            return false;
        }
    }
}
