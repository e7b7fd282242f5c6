package io.dataflow.maven;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.run.RunSecrets;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Where {@code dataflow:run} finds the value of {@code ${secret:NAME}}: the {@code <password>} of the settings.xml
 * {@code <server>} whose id is {@code NAME} (decrypted the Maven way), else the environment variable {@code NAME}.
 * The server comes first: Maven's own {@code -X} prints every environment variable, never a server's password.
 */
final class SettingsSecrets implements RunSecrets.Source {

    private final Settings settings;
    private final SettingsDecrypter decrypter;
    private final Map<String, String> environment;

    SettingsSecrets(Settings settings, SettingsDecrypter decrypter, Map<String, String> environment) {
        this.settings = settings;
        this.decrypter = decrypter;
        this.environment = environment;
    }

    @Override
    public Optional<String> value(String name) {
        Server server = settings == null ? null : settings.getServer(name);
        if (server == null) {
            return Optional.ofNullable(environment.get(name));
        }
        String password = SettingsCredentials.decrypt(server, decrypter).getPassword();
        if (password == null) {
            throw new InvalidInputException("The settings.xml <server> '" + name + "' has no <password>: give the"
                    + " value of ${secret:" + name + "} as its <password>.");
        }
        return Optional.of(password);
    }

    @Override
    public String howToGive(String name) {
        return "the <password> of a settings.xml <server> with <id>" + name + "</id> (encrypted with mvn"
                + " --encrypt-password if you like) or as the environment variable " + name;
    }
}
