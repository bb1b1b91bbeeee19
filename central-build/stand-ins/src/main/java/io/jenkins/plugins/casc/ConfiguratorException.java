package io.jenkins.plugins.casc;

/**
 * Stand-in for the exception by which Configuration as Code refuses a file. Its signatures are listed in
 * {@code configuration-as-code.sigs.tsv}.
 */
public class ConfiguratorException extends RuntimeException {

    public ConfiguratorException(java.lang.String message) {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }

    public java.lang.String getErrorMessage() {
        throw new UnsupportedOperationException("stand-in: runs only inside Jenkins");
    }
}
