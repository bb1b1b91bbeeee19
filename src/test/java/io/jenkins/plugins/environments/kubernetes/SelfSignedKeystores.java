package io.jenkins.plugins.environments.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** PKCS#12 keystores with a self-signed certificate, made by the JDK's {@code keytool} run as a process. */
final class SelfSignedKeystores {

    private SelfSignedKeystores() {}

    /**
     * Generates a key pair and a self-signed certificate into a new PKCS#12 file.
     *
     * @param keyAlgorithm {@code RSA} or {@code EC}
     * @param san a subject alternative name extension such as {@code ip:127.0.0.1}, or {@code null}
     */
    static Path generate(Path file, String alias, String keyAlgorithm, String commonName, String san, String password)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                keyAlgorithm,
                "-dname",
                "CN=" + commonName,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                password,
                "-keypass",
                password));
        command.addAll(keyAlgorithm.equals("EC") ? List.of("-groupname", "secp256r1") : List.of("-keysize", "2048"));
        if (san != null) {
            command.addAll(List.of("-ext", "SAN=" + san));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("keytool did not finish");
        }
        assertEquals(0, process.exitValue(), output);
        return file;
    }

    static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    static String pem(Certificate certificate) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
