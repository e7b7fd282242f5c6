package io.dataflow.core.sql;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.Namespaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Resolves and validates the SQL assets a module declares by path. */
public final class SqlAssets {

    private SqlAssets() {}

    /**
     * @param moduleDir the module directory; every declared file must be inside it
     * @param declarations the configured SQL assets, in order
     * @return one asset per declaration, in the same order
     * @throws InvalidInputException a path is missing, not a file, outside the module, or a namespace is invalid or
     *     declared twice; the message names the path and the fix
     */
    public static List<SqlAsset> resolve(Path moduleDir, List<SqlAssetDeclaration> declarations) {
        Path module = realPath(moduleDir.toAbsolutePath().normalize());
        List<SqlAsset> assets = new ArrayList<>();
        Map<String, String> pathByNamespace = new HashMap<>();
        for (SqlAssetDeclaration declaration : declarations) {
            SqlAsset asset = resolve(module, declaration);
            String clash = pathByNamespace.putIfAbsent(asset.namespace(), asset.relativePath());
            if (clash != null) {
                throw new InvalidInputException("SQL assets '" + clash + "' and '" + asset.relativePath() + "' in "
                        + module + " both have namespace '" + asset.namespace()
                        + "'. Configure a distinct namespace for one of them.");
            }
            assets.add(asset);
        }
        return assets;
    }

    private static SqlAsset resolve(Path module, SqlAssetDeclaration declaration) {
        String declared = declaration.path() == null ? "" : declaration.path().trim();
        if (declared.isEmpty()) {
            throw new InvalidInputException("A SQL asset of " + module + " has no path. Give each SQL asset the path"
                    + " of its file relative to the module directory, e.g. 'sql/daily_orders.sql'.");
        }
        Path file;
        try {
            file = module.resolve(declared).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidInputException("SQL asset path '" + declared + "' of " + module + " is not a valid path: "
                    + e.getMessage() + ". Give the file's path relative to the module directory.", e);
        }
        if (!file.startsWith(module)) {
            throw new InvalidInputException("SQL asset '" + declared + "' is outside its module " + module
                    + ". Move the file into the module, or declare it in the module that contains it.");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("SQL asset '" + declared + "' does not exist: no file " + file
                    + ". Fix the path (it is relative to " + module + ") or create the file.");
        }
        // a symbolic link inside the module may still point outside it
        if (!realPath(file).startsWith(module)) {
            throw new InvalidInputException("SQL asset '" + declared + "' resolves to " + realPath(file)
                    + ", outside its module " + module + ". Replace the link by the file itself.");
        }
        String relative = module.relativize(file).toString().replace('\\', '/');
        String namespace = declaration.namespace() == null || declaration.namespace().isBlank()
                ? baseNameNamespace(file, relative)
                : Namespaces.validate(declaration.namespace().trim(), "the namespace of SQL asset '" + relative + "'");
        return new SqlAsset(namespace, file, relative);
    }

    private static String baseNameNamespace(Path file, String relative) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        if (Namespaces.isValid(base)) {
            return base;
        }
        String suggestion = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-").replaceAll("^[-_]+", "");
        throw new InvalidInputException("SQL asset '" + relative + "' would get the namespace '" + base
                + "' (its file name), which is not valid: a namespace must match " + Namespaces.PATTERN_TEXT
                + ". Configure a namespace for it" + (Namespaces.isValid(suggestion) ? ", e.g. '" + suggestion + "'" : "")
                + ", or rename the file.");
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new EnvironmentException("Could not resolve " + path + ": " + e.getMessage(), e);
        }
    }
}
