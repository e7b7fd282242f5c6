package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.registry.S3Credentials;
import java.util.stream.Collectors;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Credentials from settings.xml {@code <server>} entries, decrypted the Maven way: S3 (username = access key,
 * password = secret key) and Maestro. With {@link SettingsSecrets} the only places the plugin handles secrets; none
 * of their messages contain one.
 */
final class SettingsCredentials {

    private SettingsCredentials() {}

    /** The server's key pair, or {@code null} when there is no such server (the engine then uses AWS defaults). */
    static S3Credentials of(Settings settings, String serverId, SettingsDecrypter decrypter, DataflowLog log) {
        Server decrypted = decrypted(settings, serverId, decrypter, log, "S3 credentials come from the AWS"
                + " environment variables or profile");
        if (decrypted == null) {
            return null;
        }
        if (decrypted.getUsername() == null || decrypted.getPassword() == null) {
            throw new InvalidInputException("The settings.xml <server> '" + serverId + "' needs <username> (the "
                    + "S3 access key) and <password> (the secret key).");
        }
        log.debug("S3 credentials from settings.xml <server> '" + serverId + "'.");
        return new S3Credentials(decrypted.getUsername(), decrypted.getPassword());
    }

    /**
     * The server with its password decrypted the Maven way, or {@code null} when there is none.
     *
     * @param withoutServer what happens without the server, for the debug line
     */
    static Server decrypted(Settings settings, String serverId, SettingsDecrypter decrypter, DataflowLog log,
            String withoutServer) {
        Server server = serverId == null || serverId.isBlank() ? null : settings.getServer(serverId);
        if (server == null) {
            log.debug("No settings.xml <server> with id '" + serverId + "': " + withoutServer + ".");
            return null;
        }
        return decrypt(server, decrypter);
    }

    /** The server with its password decrypted the Maven way ({@code ~/.m2/settings-security.xml}). */
    static Server decrypt(Server server, SettingsDecrypter decrypter) {
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        String errors = result.getProblems().stream()
                .filter(p -> p.getSeverity() != SettingsProblem.Severity.WARNING)
                .map(SettingsProblem::getMessage)
                .collect(Collectors.joining("; "));
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Cannot decrypt the password of settings.xml <server> '" + server.getId()
                    + "': " + errors + ". Check ~/.m2/settings-security.xml, or store the password unencrypted.");
        }
        return result.getServer();
    }
}
