package org.tlsrpt.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportInputsTest {

    @TempDir
    Path dir;

    private Path write(String relative, String content) throws IOException {
        Path path = dir.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }

    private List<ImportItem> readAll(List<Path> paths, long maxBytes) throws IOException {
        List<ImportItem> items = new ArrayList<>();
        for (ImportInputs.Source source : ImportInputs.find(paths)) {
            ImportInputs.read(source, maxBytes, items::add);
        }
        return items;
    }

    @Test
    void anMboxIsSplitIntoMessagesAndMboxrdQuotingIsUndone() throws IOException {
        Path mbox = write("archive.mbox", """
                From a@example Mon Jan  1 00:00:00 2026
                Subject: one

                body one
                >From the start of a line
                >>From twice quoted

                From b@example Mon Jan  1 00:00:01 2026
                Subject: two

                body two
                """);

        List<ImportItem> items = readAll(List.of(mbox), 1_000);

        assertThat(items).extracting(ImportItem::name).containsExactly(mbox + "#1", mbox + "#2");
        assertThat(new String(items.get(0).raw(), StandardCharsets.UTF_8)).isEqualTo(
                "Subject: one\n\nbody one\nFrom the start of a line\n>From twice quoted\n\n");
        assertThat(new String(items.get(1).raw(), StandardCharsets.UTF_8)).isEqualTo("Subject: two\n\nbody two\n");
        assertThat(items).allSatisfy(item -> assertThat(item.declaredType()).isEqualTo(ImportItem.MAIL));
    }

    @Test
    void anMboxMessageOverTheLimitComesWithItsSizeOnlyAndTheNextIsStillRead() throws IOException {
        Path mbox = write("big.mbox", "From a@example\nSubject: big\n\n" + "x".repeat(5_000) + "\n\n"
                + "From b@example\nSubject: small\n\nok\n");

        List<ImportItem> items = readAll(List.of(mbox), 1_000);

        assertThat(items).hasSize(2);
        assertThat(items.get(0).tooLarge()).isTrue();
        assertThat(items.get(0).size()).isGreaterThan(5_000);
        assertThat(items.get(1).tooLarge()).isFalse();
    }

    @Test
    void aMaildirGivesItsCurAndNewMessagesAndSubfoldersButNotTmpOrIndexFiles() throws IOException {
        write("Maildir/cur/1.host:2,S", "Subject: seen\n\n");
        write("Maildir/new/2.host", "Subject: new\n\n");
        write("Maildir/tmp/3.host", "half written");
        write("Maildir/dovecot-uidlist", "3 V1 N2");
        write("Maildir/.Reports/cur/4.host:2,", "Subject: in a subfolder\n\n");
        Files.createDirectories(dir.resolve("Maildir/.Reports/new"));
        write("files/google.com!example.com!1!2.json", "{}");
        write("files/.DS_Store", "junk");

        List<ImportItem> items = readAll(List.of(dir), 1_000);

        assertThat(items).extracting(item -> dir.relativize(Path.of(item.coordinates().get("path"))).toString())
                .containsExactly("Maildir/cur/1.host:2,S", "Maildir/new/2.host", "Maildir/.Reports/cur/4.host:2,",
                        "files/google.com!example.com!1!2.json");
        assertThat(items.get(3).fileName()).isEqualTo("google.com!example.com!1!2.json");
        assertThat(items.get(3).declaredType()).isNull();
        assertThat(items.get(0).declaredType()).isEqualTo(ImportItem.MAIL);
    }

    @Test
    void aMissingPathIsAnErrorBeforeAnythingIsRead() {
        assertThatThrownBy(() -> ImportInputs.find(List.of(dir, dir.resolve("missing"))))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("missing");
    }
}
