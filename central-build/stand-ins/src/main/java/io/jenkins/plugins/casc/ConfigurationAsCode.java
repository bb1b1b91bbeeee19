package io.jenkins.plugins.casc;

/**
 * Stand-in for the Configuration as Code plugin's entry point, for live tests that apply a YAML file and expect it
 * refused. Its signatures are listed in {@code configuration-as-code.sigs.tsv}.
 */
public class ConfigurationAsCode extends hudson.model.ManagementLink {

    public ConfigurationAsCode() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public static ConfigurationAsCode get() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public void configure(java.lang.String... configParameters) throws ConfiguratorException {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public java.lang.String getIconFileName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public java.lang.String getDisplayName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    @Override
    public java.lang.String getUrlName() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
