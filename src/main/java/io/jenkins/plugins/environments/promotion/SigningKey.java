package io.jenkins.plugins.environments.promotion;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public key that image signatures must verify with, and the name it is known by (the id of the Jenkins
 * credentials holding it). Supported, as cosign produces them: ECDSA on the NIST curves P-256, P-384 and P-521
 * (with SHA-256, as cosign signs), RSA of at least 2048 bits (PKCS#1 v1.5 with SHA-256) and Ed25519.
 *
 * @param name the key's name in messages, such as {@code prod-signing}
 * @param key the public key
 * @param description the algorithm in words, such as {@code ECDSA P-256} or {@code RSA 3072}
 */
public record SigningKey(String name, PublicKey key, String description) {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN PUBLIC KEY-----(.*?)-----END PUBLIC KEY-----", Pattern.DOTALL);
    private static final int MIN_RSA_BITS = 2048;
    private static final String[][] NIST_CURVES = {
        {"secp256r1", "P-256"}, {"secp384r1", "P-384"}, {"secp521r1", "P-521"}
    };

    public SigningKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(description, "description");
    }

    /**
     * Reads a key in PEM form ({@code -----BEGIN PUBLIC KEY-----}, a DER SubjectPublicKeyInfo), as
     * {@code cosign generate-key-pair} writes {@code cosign.pub}.
     *
     * @throws IllegalArgumentException saying what is wrong with the text, such as {@code no -----BEGIN PUBLIC
     *     KEY----- block found}
     */
    public static SigningKey fromPem(String name, String pem) {
        Objects.requireNonNull(name, "name");
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("the key text is empty");
        }
        Matcher block = PEM.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException(
                    pem.contains("PRIVATE KEY")
                            ? "it holds a private key: give the public key (-----BEGIN PUBLIC KEY-----)"
                            : "no -----BEGIN PUBLIC KEY----- block found");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(block.group(1).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PUBLIC KEY block is not valid Base64");
        }
        PublicKey key = decode(new X509EncodedKeySpec(der));
        if (key instanceof ECPublicKey ec && nistCurve(ec.getParams()) == null) {
            throw new IllegalArgumentException("the ECDSA key is on a curve other than P-256, P-384 and P-521 (such as"
                    + " secp256k1 or a Brainpool curve): cosign signatures are checked on the NIST curves only");
        }
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("the RSA key has "
                    + rsa.getModulus().bitLength() + " bits, too few to trust: use at least " + MIN_RSA_BITS);
        }
        return new SigningKey(name, key, describe(key));
    }

    private static PublicKey decode(X509EncodedKeySpec spec) {
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (GeneralSecurityException | RuntimeException notThisAlgorithm) {
                // try the next one
            }
        }
        throw new IllegalArgumentException(
                "the PUBLIC KEY block is not an ECDSA (P-256, P-384, P-521), RSA or Ed25519 public key");
    }

    /** @return the JCA signature algorithm that checks signatures made with this key, as cosign makes them */
    String signatureAlgorithm() {
        return switch (key) {
            case ECPublicKey ec -> "SHA256withECDSA";
            case RSAPublicKey rsa -> "SHA256withRSA";
            default -> "Ed25519";
        };
    }

    private static String describe(PublicKey key) {
        return switch (key) {
            case ECPublicKey ec -> "ECDSA " + nistCurve(ec.getParams());
            case RSAPublicKey rsa -> "RSA " + rsa.getModulus().bitLength();
            default -> "Ed25519";
        };
    }

    /**
     * @return {@code P-256}, {@code P-384} or {@code P-521} when the parameters are exactly those of that NIST curve
     *     (field, coefficients, base point, order and cofactor), otherwise {@code null}
     */
    static String nistCurve(ECParameterSpec params) {
        for (String[] curve : NIST_CURVES) {
            ECParameterSpec nist = standard(curve[0]);
            if (params.getCurve().equals(nist.getCurve())
                    && params.getGenerator().equals(nist.getGenerator())
                    && params.getOrder().equals(nist.getOrder())
                    && params.getCofactor() == nist.getCofactor()) {
                return curve[1];
            }
        }
        return null;
    }

    private static ECParameterSpec standard(String name) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(name));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime does not know the NIST curve " + name, e);
        }
    }

    /** @return {@code 'name' (algorithm)}, for messages */
    String describe() {
        return "'" + name + "' (" + description + ")";
    }
}
