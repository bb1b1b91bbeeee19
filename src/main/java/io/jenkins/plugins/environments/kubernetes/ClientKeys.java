package io.jenkins.plugins.environments.kubernetes;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/** Finds the algorithm of a PEM private key, which fabric8 needs to be told ({@code clientKeyAlgo}). */
final class ClientKeys {

    private ClientKeys() {}

    /**
     * {@code RSA} or {@code EC}.
     *
     * @throws IllegalArgumentException if the key is not an unencrypted RSA or EC key; the message never quotes it
     */
    static String algorithm(char[] privateKeyPem) {
        Pem.Block block = Pem.first(privateKeyPem);
        try {
            return switch (block.type()) {
                case "RSA PRIVATE KEY" -> "RSA";
                case "EC PRIVATE KEY" -> "EC";
                case "PRIVATE KEY" -> pkcs8Algorithm(block.der());
                case "ENCRYPTED PRIVATE KEY" ->
                    throw new IllegalArgumentException("encrypted private keys are not supported");
                default -> throw new IllegalArgumentException("a PEM block " + block.type() + " is not a private key");
            };
        } finally {
            Arrays.fill(block.der(), (byte) 0);
        }
    }

    private static String pkcs8Algorithm(byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return algorithm;
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new IllegalArgumentException("the PKCS#8 private key is neither RSA nor EC");
    }
}
