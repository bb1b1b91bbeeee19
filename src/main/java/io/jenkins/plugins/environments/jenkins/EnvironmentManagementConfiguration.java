package io.jenkins.plugins.environments.jenkins;

import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.Redaction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The plugin's section under <em>Manage Jenkins » System</em> and its Configuration as Code root
 * ({@code unclassified: environmentManagement:}): clusters, registries, environments, apps and preview defaults, each entry
 * bound to Jenkins credentials by id. Saving it requires {@code Overall/Administer} (the default of a global
 * configuration), because an entry decides where a stored secret is sent.
 *
 * <p>Every way in keeps the rules that the form's Save checks. The form and Configuration as Code both build the
 * entries through their data-bound constructors and setters, which refuse a value that breaks the rule of its field;
 * Configuration as Code first checks a file by building every entry it names, so such a value fails the file before
 * anything is applied. That check neither calls this section's setters nor the entries' {@code @PostConstruct}
 * methods, and it sets attributes in no fixed order, so the rules over several fields of an entry and across entries
 * are checked here when the changes are committed ({@link #save()} at the end of the bulk change that Save and
 * Configuration as Code open): if they fail, the entries from before are put back and nothing is written. What is
 * read from disk is kept as it is; what is wrong with it is shown by {@link InvalidConfigurationMonitor}.
 */
@Extension
@Symbol("environmentManagement")
public class EnvironmentManagementConfiguration extends GlobalConfiguration {

    private static final Logger LOGGER = Logger.getLogger(EnvironmentManagementConfiguration.class.getName());

    /** The id, and so the file name {@code environment-management.xml} under the Jenkins home. */
    static final String ID = "environment-management";

    private List<ClusterConfig> clusters = new ArrayList<>();
    private List<RegistryConfig> registries = new ArrayList<>();
    private List<EnvironmentConfig> environments = new ArrayList<>();
    private PreviewDefaultsConfig previews;
    private List<AppConfig> apps = new ArrayList<>();

    /**
     * The entries as they were before the changes not yet checked: those of an open bulk change (the form's Save,
     * Configuration as Code), or of one setter called on its own. They are put back when the changes are refused.
     */
    private transient Entries pending;

    /** What was wrong with the configuration read from disk; empty once a valid configuration replaced it. */
    private transient volatile List<String> savedProblems = List.of();

    /** @return the singleton instance Jenkins created from the extension index */
    public static EnvironmentManagementConfiguration get() {
        return ExtensionList.lookupSingleton(EnvironmentManagementConfiguration.class);
    }

    public EnvironmentManagementConfiguration() {
        // Jenkins creates this once at start-up; read what an earlier start saved.
        load();
    }

    /** A short, stable id instead of the class name, so that a refactoring never orphans saved configuration. */
    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayName() {
        return Messages.EnvironmentManagementConfiguration_DisplayName();
    }

    public List<ClusterConfig> getClusters() {
        return clusters == null ? List.of() : List.copyOf(clusters);
    }

    @DataBoundSetter
    public void setClusters(List<ClusterConfig> clusters) {
        change(() -> this.clusters = clusters == null ? new ArrayList<>() : new ArrayList<>(clusters));
    }

    public List<RegistryConfig> getRegistries() {
        return registries == null ? List.of() : List.copyOf(registries);
    }

    @DataBoundSetter
    public void setRegistries(List<RegistryConfig> registries) {
        change(() -> this.registries = registries == null ? new ArrayList<>() : new ArrayList<>(registries));
    }

    public List<EnvironmentConfig> getEnvironments() {
        return environments == null ? List.of() : List.copyOf(environments);
    }

    @DataBoundSetter
    public void setEnvironments(List<EnvironmentConfig> environments) {
        change(() -> this.environments = environments == null ? new ArrayList<>() : new ArrayList<>(environments));
    }

    /** @return the apps {@code promoteDigest} may promote */
    public List<AppConfig> getApps() {
        return apps == null ? List.of() : List.copyOf(apps);
    }

    @DataBoundSetter
    public void setApps(List<AppConfig> apps) {
        change(() -> this.apps = apps == null ? new ArrayList<>() : new ArrayList<>(apps));
    }

    public PreviewDefaultsConfig getPreviews() {
        return previews;
    }

    @DataBoundSetter
    public void setPreviews(PreviewDefaultsConfig previews) {
        change(() -> this.previews = previews);
    }

    /**
     * Binds the submitted form and keeps it only if the whole configuration is valid; otherwise the form shows the
     * problem and nothing changes, in memory or on disk. Entries removed from the form are removed here too.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        Entries before = entries();
        try (BulkChange bulk = new BulkChange(this)) {
            synchronized (this) {
                pending = before;
                Entries.none().restoreInto(this);
            }
            req.bindJSON(this, json);
            bulk.commit();
            return true;
        } catch (IOException e) {
            restore(before);
            throw new FormException(e, "environments");
        } catch (RuntimeException e) {
            restore(before);
            InvalidConfigurationException refusal = refusal(e);
            if (refusal == null) {
                throw e;
            }
            throw new FormException(refusal.getMessage(), refusal.field());
        }
    }

    /**
     * Makes one change through a setter. Outside a bulk change it is kept, and saved, only if the whole configuration
     * stays valid; inside one the check waits for the commit, which calls {@link #save()}.
     */
    private synchronized void change(Runnable assignment) {
        if (pending == null) {
            pending = entries();
        }
        assignment.run();
        if (!BulkChange.contains(this)) {
            save();
        }
    }

    /**
     * Writes the configuration, after {@link #keepChanges()}: a change that breaks a rule is put back and thrown,
     * never written. Inside a bulk change this waits for its commit, as in Jenkins.
     */
    @Override
    public synchronized void save() {
        if (BulkChange.contains(this)) {
            return;
        }
        keepChanges();
        super.save();
    }

    /**
     * Checks the whole configuration after changes made through the setters: if it is valid they are kept; otherwise
     * the entries from before the changes are put back and the refusal is thrown, an
     * {@link InvalidConfigurationException} naming the entry and field, or the rules across entries (field
     * {@code environments}). Without changes, there is nothing to check: what was loaded may be saved as it is.
     */
    synchronized void keepChanges() {
        Entries before = pending;
        if (before == null) {
            return;
        }
        pending = null;
        List<String> errors;
        try {
            errors = toModel().validate().errors();
        } catch (InvalidConfigurationException e) {
            before.restoreInto(this);
            throw e;
        }
        if (!errors.isEmpty()) {
            before.restoreInto(this);
            throw new InvalidConfigurationException("environments", String.join("; ", errors));
        }
        savedProblems = List.of();
    }

    /**
     * Reads the saved configuration as it is, valid or not, so that nothing an administrator saved is dropped, and
     * notes what is wrong with it for {@link InvalidConfigurationMonitor}.
     */
    @Override
    public synchronized void load() {
        super.load();
        loaded();
    }

    /** After the fields were read from disk: forgets unchecked changes and notes what is wrong. */
    synchronized void loaded() {
        pending = null;
        try {
            savedProblems = problems();
        } catch (RuntimeException e) {
            // A file no check foresaw (an entry that is null, say) is reported too; it must not stop Jenkins starting.
            LOGGER.log(
                    Level.WARNING,
                    "Could not check the saved Environment Management configuration",
                    Redaction.redact(e));
            savedProblems = List.of(Messages.EnvironmentManagementConfiguration_NotChecked());
        }
    }

    /**
     * @return what was wrong with the configuration when it was read from disk, each entry with the field that breaks
     *     a rule (values are left out: they may be a server URL or a credentials id), or else the rules across
     *     entries that it breaks; empty when it was valid or a valid configuration has replaced it
     */
    public List<String> getSavedProblems() {
        return List.copyOf(savedProblems);
    }

    /** @return what makes the configuration invalid, as {@link #getSavedProblems()} describes it */
    List<String> problems() {
        List<String> found = new ArrayList<>();
        entryProblems(found, getClusters(), ClusterConfig::entry, ClusterConfig::toModel);
        entryProblems(found, getRegistries(), RegistryConfig::entry, RegistryConfig::toModel);
        entryProblems(found, getEnvironments(), EnvironmentConfig::entry, EnvironmentConfig::toModel);
        entryProblems(found, getApps(), AppConfig::entry, AppConfig::toModel);
        if (previews != null) {
            entryProblems(found, List.of(previews), PreviewDefaultsConfig::entry, PreviewDefaultsConfig::toModel);
        }
        if (found.isEmpty()) {
            found.addAll(toModel().validate().errors());
        }
        return List.copyOf(found);
    }

    private static <C> void entryProblems(
            List<String> found, List<C> entries, Function<C, String> name, Function<C, ?> toModel) {
        for (C entry : entries) {
            try {
                toModel.apply(entry);
            } catch (InvalidConfigurationException e) {
                found.add(Messages.EnvironmentManagementConfiguration_InvalidField(name.apply(entry), e.field()));
            }
        }
    }

    private synchronized void restore(Entries before) {
        before.restoreInto(this);
        pending = null;
    }

    /** The model's refusal behind a failure to bind the form: Stapler wraps what a constructor or setter throws. */
    private static InvalidConfigurationException refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigurationException refusal) {
                return refusal;
            }
        }
        return null;
    }

    private Entries entries() {
        return new Entries(clusters, registries, environments, previews, apps);
    }

    /** The configured entries at one moment, to put back when a submission is refused. */
    private record Entries(
            List<ClusterConfig> clusters,
            List<RegistryConfig> registries,
            List<EnvironmentConfig> environments,
            PreviewDefaultsConfig previews,
            List<AppConfig> apps) {

        /** No entries at all: the form binds onto this, so that entries removed from it are removed. */
        static Entries none() {
            return new Entries(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), null, new ArrayList<>());
        }

        void restoreInto(EnvironmentManagementConfiguration config) {
            config.clusters = clusters;
            config.registries = registries;
            config.environments = environments;
            config.previews = previews;
            config.apps = apps;
        }
    }

    /**
     * What is questionable in the saved configuration (a production environment without gates, TLS verification off,
     * an environment that allows no job, ...), shown at the top of the section.
     */
    public List<String> getWarnings() {
        try {
            return toModel().validate().warnings();
        } catch (InvalidConfigurationException e) {
            return List.of(e.getMessage());
        }
    }

    /**
     * The configuration as validated model values.
     *
     * @throws InvalidConfigurationException naming the entry's field that is wrong
     */
    public EnvironmentsConfiguration toModel() {
        return new EnvironmentsConfiguration(
                map(getClusters(), ClusterConfig::toModel),
                map(getRegistries(), RegistryConfig::toModel),
                map(getEnvironments(), EnvironmentConfig::toModel),
                previews == null ? null : previews.toModel(),
                map(getApps(), AppConfig::toModel));
    }

    private static <C, M> List<M> map(List<C> configs, Function<C, M> toModel) {
        return configs.stream().map(toModel).toList();
    }
}
