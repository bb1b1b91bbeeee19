package io.jenkins.plugins.environments.jenkins;

import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
 */
@Extension
@Symbol("environmentManagement")
public class EnvironmentManagementConfiguration extends GlobalConfiguration {

    /** The id, and so the file name {@code environment-management.xml} under the Jenkins home. */
    static final String ID = "environment-management";

    /** Where a model field is called differently on the form, so that an error is shown next to the right field. */
    private static final Map<String, String> FORM_FIELDS = Map.of(
            "cpu", "quotaCpu",
            "memory", "quotaMemory",
            "pods", "quotaPods",
            "signatureKeyCredentialsId", "signatureCredentialsId",
            "severity", "maxScanSeverity",
            "namespacePattern", "namespace");

    private List<ClusterConfig> clusters = new ArrayList<>();
    private List<RegistryConfig> registries = new ArrayList<>();
    private List<EnvironmentConfig> environments = new ArrayList<>();
    private PreviewDefaultsConfig previews;
    private List<AppConfig> apps = new ArrayList<>();

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
        return List.copyOf(clusters);
    }

    @DataBoundSetter
    public void setClusters(List<ClusterConfig> clusters) {
        this.clusters = clusters == null ? new ArrayList<>() : new ArrayList<>(clusters);
        save();
    }

    public List<RegistryConfig> getRegistries() {
        return List.copyOf(registries);
    }

    @DataBoundSetter
    public void setRegistries(List<RegistryConfig> registries) {
        this.registries = registries == null ? new ArrayList<>() : new ArrayList<>(registries);
        save();
    }

    public List<EnvironmentConfig> getEnvironments() {
        return List.copyOf(environments);
    }

    @DataBoundSetter
    public void setEnvironments(List<EnvironmentConfig> environments) {
        this.environments = environments == null ? new ArrayList<>() : new ArrayList<>(environments);
        save();
    }

    /** @return the apps {@code promoteDigest} may promote */
    public List<AppConfig> getApps() {
        return apps == null ? List.of() : List.copyOf(apps);
    }

    @DataBoundSetter
    public void setApps(List<AppConfig> apps) {
        this.apps = apps == null ? new ArrayList<>() : new ArrayList<>(apps);
        save();
    }

    public PreviewDefaultsConfig getPreviews() {
        return previews;
    }

    @DataBoundSetter
    public void setPreviews(PreviewDefaultsConfig previews) {
        this.previews = previews;
        save();
    }

    /**
     * Binds the submitted form and keeps it only if the whole configuration is valid; otherwise the form shows the
     * problem and nothing changes, in memory or on disk. Entries removed from the form are removed here too.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        Entries before = new Entries(clusters, registries, environments, previews, apps);
        try (BulkChange bulk = new BulkChange(this)) {
            new Entries(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), null, new ArrayList<>())
                    .restoreInto(this);
            req.bindJSON(this, json);
            List<String> errors = toModel().validate().errors();
            if (!errors.isEmpty()) {
                throw new FormException(String.join("; ", errors), "environments");
            }
            bulk.commit();
            return true;
        } catch (InvalidConfigurationException e) {
            before.restoreInto(this);
            throw new FormException(e.getMessage(), FORM_FIELDS.getOrDefault(e.field(), e.field()));
        } catch (FormException e) {
            before.restoreInto(this);
            throw e;
        } catch (IOException e) {
            before.restoreInto(this);
            throw new FormException(e, "environments");
        }
    }

    /** The configured entries at one moment, to put back when a submission is refused. */
    private record Entries(
            List<ClusterConfig> clusters,
            List<RegistryConfig> registries,
            List<EnvironmentConfig> environments,
            PreviewDefaultsConfig previews,
            List<AppConfig> apps) {

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
                map(clusters, ClusterConfig::toModel),
                map(registries, RegistryConfig::toModel),
                map(environments, EnvironmentConfig::toModel),
                previews == null ? null : previews.toModel(),
                map(getApps(), AppConfig::toModel));
    }

    private static <C, M> List<M> map(List<C> configs, Function<C, M> toModel) {
        return configs.stream().map(toModel).toList();
    }
}
