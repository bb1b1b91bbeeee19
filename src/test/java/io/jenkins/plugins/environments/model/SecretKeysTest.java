package io.jenkins.plugins.environments.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretKeysTest {

    @ParameterizedTest(name = "secret key name: {0}")
    @ValueSource(
            strings = {
                "password",
                "Password",
                "PASSWORD",
                "passwd",
                "pwd",
                "pass",
                "db_pass",
                "dbPass",
                "DB-PASS",
                "passphrase",
                "privateKeyPassphrase",
                "secret",
                "clientSecret",
                "client_secret",
                "client-secret",
                "token",
                "authToken",
                "GITHUB_TOKEN",
                "apiKey",
                "api_key",
                "api-key",
                "APIKey",
                "API_KEY",
                "apikey",
                "x-api-key",
                "accessKey",
                "access_key",
                "secretKey",
                "AWS_SECRET_ACCESS_KEY",
                "privateKey",
                "private_key",
                "credentials",
                "googleCredentials",
                "creds",
                "connectionString",
                "dsn",
                "auth",
                "basicAuth",
                "spring.datasource.password",
                "db.password",
                "env[0].password",
                "adminPassword",
                "PGPASSWORD",
                "htpasswd",
                "SECRET_KEY_BASE",
                "db_password_prod",
                "encryptionKey",
                "licenseKey",
                "storageAccountKey",
                "SharedAccessKey",
                "AccountKey",
                "signingKey",
                "passwordValue",
                "tokenB64",
                "DB_PASSWORD2",
                "password_2",
                "s3SecretKey"
            })
    void secretKeyNames(String name) {
        assertEquals(true, SecretKeys.isSecretKey(name), name);
    }

    @ParameterizedTest(name = "not a secret key name: {0}")
    @ValueSource(
            strings = {
                "secretName",
                "existingSecret",
                "existingSecretPasswordKey",
                "secretKeyRef",
                "secretRef",
                "tokenPath",
                "passwordFile",
                "DB_PASSWORD_FILE",
                "enableToken",
                "useSecret",
                "createSecret",
                "passwordMinLength",
                "tokenTTL",
                "tokenExpiry",
                "authUrl",
                "authType",
                "auth-realm",
                "passwordKey",
                "tokenKey",
                "userPasswordKey",
                "accessKeyId",
                "tokenizer",
                "bypass",
                "compass",
                "key",
                "keyName",
                "secretsManagerRegion",
                "checksum/secret",
                "credentialsId",
                "clientId",
                "username",
                "passwordPolicy",
                "tokenAudience",
                "tokenEndpoint",
                "apiKeyHeader",
                "image",
                ""
            })
    void notSecretKeyNames(String name) {
        assertEquals(false, SecretKeys.isSecretKey(name), name);
    }

    @Test
    void namesAreSplitAtCaseChangesSeparatorsAndAcronyms() {
        assertEquals(List.of("api", "key"), SecretKeys.words("APIKey"));
        assertEquals(List.of("aws", "secret", "access", "key"), SecretKeys.words("AWS_SECRET_ACCESS_KEY"));
        assertEquals(List.of("db", "password"), SecretKeys.words("dbPassword"));
        assertEquals(List.of("x", "api", "key"), SecretKeys.words("x-api-key"));
    }

    @Test
    void longNamesAreNeverSecretNames() {
        assertEquals(false, SecretKeys.isSecretKey("a".repeat(200) + "Password"));
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "password | hunter2hunter2 | true",
                "password | Tr0ub4dor&3 | true",
                "password | '' | false",
                "password | changeme | false",
                "password | CHANGE_ME | false",
                "password | your-password-here | false",
                "password | <password> | false",
                "password | ${DB_PASSWORD} | false",
                "password | $DB_PASSWORD | false",
                "password | $(DB_PASSWORD) | false",
                "password | '{{ .Values.password }}' | false",
                "password | '********' | false",
                "password | xxxxxxxx | false",
                "password | true | false",
                "password | 12345678 | true",
                "password | 1234 | false",
                "tokenTtl | 3600 | false",
                "token | 24h | false",
                "password | ENC[AES256_GCM,data:abc=,type:str] | false",
                "password | vault:secret/data/db#password | false",
                "password | ref+vault://secret/db#/password | false",
                "password | /run/secrets/db | false",
                "url | https://example.com/a | false",
                "dsn | postgres://db:5432/x | false",
                "password | db-password | false",
                "password | kc-adm1n-pw | true",
                "credentialsSecret | gcs-backup | false",
                "auth | oauth2 | false",
                "auth | kerberos | false",
                "auth | YWRtaW46czNjcjN0 | true",
                "auth | admin:s3cret | true",
                "connectionString | Host=db;Database=shop | false",
                "connectionString | Server=tcp:db,1433;Password=x1; | true"
            })
    void literalValues(String name, String value, boolean literal) {
        assertEquals(literal, SecretValues.isLiteralSecret(name, value), name + ": " + value);
    }

    @Test
    void aVariableValueIsNeverTheNameOfASecret() {
        assertEquals(false, SecretValues.isLiteralSecret("password", "not-a-real-token"));
        assertEquals(true, SecretValues.isLiteralVariableValue("GITHUB_TOKEN", "not-a-real-token"));
    }
}
