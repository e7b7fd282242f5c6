package io.dataflow.maven.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataflow.core.maestro.FakeMaestro;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Maestro server of the Maestro invoker ITs: {@link FakeMaestro}, the loopback server that answers like Maestro's
 * API, started by setup.groovy in the invoking JVM for all builds of one IT and stopped by verify.groovy. It demands
 * the credentials of the ITs' settings.xml server {@code maestro}, refuses every push whose body contains
 * {@link #REFUSED_MARKER} (so a build chooses to be refused), and writes every request to
 * {@code <it dir>/maestro-requests.jsonl} for verify.groovy.
 */
public final class ItMaestro {

    public static final String USERNAME = "it-maestro-user";
    public static final String PASSWORD = "it-maestro-password-must-not-leak";
    public static final String REFUSED_MARKER = "MAESTRO_REFUSES_THIS_VERSION";
    public static final String REFUSAL = "Invalid workflow definition: the IT's Maestro refuses this version";
    /** Long enough for any IT run, short enough that a build which never reaches verify.groovy leaks no server. */
    private static final long LIFETIME_MILLIS = 15 * 60 * 1000L;
    private static final Map<String, FakeMaestro> RUNNING = new ConcurrentHashMap<>();

    private ItMaestro() {}

    /** @return the server's URL, {@code http://127.0.0.1:<port>/} */
    public static String start(File itDir) throws IOException {
        FakeMaestro maestro = FakeMaestro.start(journal(itDir));
        maestro.requireBasicAuth(USERNAME, PASSWORD);
        maestro.refuseContaining("POST", "/api/v3/workflows(/yaml)?", REFUSED_MARKER, 400, "BAD_REQUEST", REFUSAL,
                "workflow.params.NOTE is not allowed here");
        RUNNING.put(itDir.getAbsolutePath(), maestro);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(LIFETIME_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            maestro.close();
        }, "it-maestro-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return maestro.url();
    }

    public static void stop(File itDir) {
        FakeMaestro maestro = RUNNING.remove(itDir.getAbsolutePath());
        if (maestro != null) {
            maestro.close();
        }
    }

    /** Every request the server received, in order: method, path, contentType, user, authorization, body. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> requests(File itDir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> requests = new ArrayList<>();
        if (Files.exists(journal(itDir))) {
            for (String line : Files.readAllLines(journal(itDir), StandardCharsets.UTF_8)) {
                requests.add(json.readValue(line, Map.class));
            }
        }
        return requests;
    }

    private static Path journal(File itDir) {
        return itDir.toPath().resolve("maestro-requests.jsonl");
    }
}
