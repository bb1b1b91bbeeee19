package io.jenkins.plugins.environments.kubernetes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Collections;

/** Turns the first private key entry of a PKCS#12 keystore into a PEM {@link ClusterCredential.ClientCertificate}. */
final class Pkcs12Keystore {

    private Pkcs12Keystore() {}

    static ClusterCredential.ClientCertificate firstClientCertificate(byte[] keystore, char[] password)
            throws ClusterAccessException {
        KeyStore store = load(keystore, password);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                    return toPem(privateKey, chain);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new ClusterAccessException("Cannot read the private key of the PKCS#12 keystore: " + e, e);
        }
        throw new ClusterAccessException("The PKCS#12 keystore holds no private key with a certificate");
    }

    private static KeyStore load(byte[] keystore, char[] password) throws ClusterAccessException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(keystore), password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // The JDK reports a wrong password as an IOException whose cause is an UnrecoverableKeyException.
            throw new ClusterAccessException(
                    "Cannot open the PKCS#12 keystore (wrong password, or not a PKCS#12 file): " + e.getMessage(), e);
        }
    }

    private static ClusterCredential.ClientCertificate toPem(PrivateKey key, Certificate[] chain)
            throws GeneralSecurityException {
        StringBuilder certificates = new StringBuilder();
        for (Certificate certificate : chain) {
            Pem.append(certificates, "CERTIFICATE", certificate.getEncoded());
        }
        byte[] pkcs8 = key.getEncoded();
        if (pkcs8 == null || !"PKCS#8".equals(key.getFormat())) {
            throw new GeneralSecurityException("the private key cannot be exported as PKCS#8");
        }
        StringBuilder keyPem = new StringBuilder();
        try {
            Pem.append(keyPem, "PRIVATE KEY", pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        return new ClusterCredential.ClientCertificate(Pem.drain(certificates), Pem.drain(keyPem));
    }
}
