package org.tlsrpt.storage.schema;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsrpt.core.Sha256;

/** One versioned migration file, {@code V001__reports.sql}: its version, name and template text. */
public record Migration(int version, String name, String template) {

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{3,})__([a-z0-9_]+)\\.sql");

    public Migration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
    }

    public static boolean isMigrationFile(String fileName) {
        return FILE_NAME.matcher(fileName).matches();
    }

    public static Migration of(String fileName, String template) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a migration file name (V001__name.sql): " + fileName);
        }
        return new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2), template);
    }

    /** SHA-256 of the template: an applied migration whose file changed afterwards is refused at start. */
    public String checksum() {
        return Sha256.hex(template.getBytes(StandardCharsets.UTF_8));
    }
}
