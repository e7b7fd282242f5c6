package io.dataflow.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.registry.S3Credentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/** Uses Maven's own decrypter and cipher, as {@code mvn --encrypt-master-password/--encrypt-password} do. */
class SettingsCredentialsTest {

    private static final String SECRET = "s3cr3t-Key/with+chars";

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog(true);

    @Test
    void decryptsAnEncryptedPasswordWithTheMasterPassword() throws Exception {
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        String master = "master-password";
        Path security = dir.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity><master>"
                + cipher.encryptAndDecorate(master, DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION)
                + "</master></settingsSecurity>");
        Settings settings = settingsWith("dataflow", "AKIAEXAMPLE", cipher.encryptAndDecorate(SECRET, master));

        S3Credentials credentials = SettingsCredentials.of(settings, "dataflow", decrypter(cipher, security), log);

        assertThat(credentials.accessKey()).isEqualTo("AKIAEXAMPLE");
        assertThat(credentials.secretKey()).isEqualTo(SECRET);
        assertThat(credentials.toString()).doesNotContain(SECRET);
        assertThat(log.toString()).doesNotContain(SECRET);
    }

    @Test
    void plainPasswordsAreUsedAsTheyAre() throws Exception {
        Settings settings = settingsWith("minio", "access", SECRET);

        S3Credentials credentials = SettingsCredentials.of(settings, "minio",
                decrypter(new DefaultPlexusCipher(), dir.resolve("absent.xml")), log);

        assertThat(credentials).isEqualTo(new S3Credentials("access", SECRET));
    }

    @Test
    void noSuchServerMeansAwsDefaults() throws Exception {
        S3Credentials credentials = SettingsCredentials.of(settingsWith("other", "a", "b"), "dataflow",
                decrypter(new DefaultPlexusCipher(), dir.resolve("absent.xml")), log);

        assertThat(credentials).isNull();
        assertThat(log.lines()).anyMatch(m -> m.contains("AWS environment variables"));
    }

    @Test
    void undecryptablePasswordFailsWithoutShowingIt() throws Exception {
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        String encrypted = cipher.encryptAndDecorate(SECRET, "a-master-we-do-not-have");
        Settings settings = settingsWith("dataflow", "access", encrypted);

        assertThatThrownBy(() -> SettingsCredentials.of(settings, "dataflow",
                        decrypter(cipher, dir.resolve("absent.xml")), log))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Cannot decrypt the password of settings.xml <server> 'dataflow'")
                .hasMessageContaining("settings-security.xml")
                .message().doesNotContain(SECRET);
    }

    @Test
    void serverWithoutPasswordNamesWhatIsMissing() throws Exception {
        Settings settings = settingsWith("dataflow", "access", null);

        assertThatThrownBy(() -> SettingsCredentials.of(settings, "dataflow",
                        decrypter(new DefaultPlexusCipher(), dir.resolve("absent.xml")), log))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs <username> (the S3 access key) and <password> (the secret key)");
    }

    private static SettingsDecrypter decrypter(DefaultPlexusCipher cipher, Path securityFile) {
        return new DefaultSettingsDecrypter(new DefaultSecDispatcher(cipher, Map.of(), securityFile.toString()));
    }

    private static Settings settingsWith(String id, String username, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(username);
        server.setPassword(password);
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }
}
