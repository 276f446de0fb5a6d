package org.conduit.identity.posix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the JNA lookup against the host's real account database and against coreutils {@code id}. */
@EnabledOnOs(OS.LINUX)
class LibcAccountLookupTest {

    private final LibcAccountLookup lookup = new LibcAccountLookup();

    @Test
    void rootResolvesToUidZero() throws Exception {
        PosixAccount root = lookup.lookup("root").orElseThrow();

        assertThat(root.uid()).isZero();
        assertThat(root.gid()).isZero();
        assertThat(root.isRoot()).isTrue();
        assertThat(root.home()).isEqualTo("/root");
    }

    @Test
    void nonexistentUserIsNotFound() throws Exception {
        assertThat(lookup.lookup("conduit-no-such-user-7f3a")).isEmpty();
    }

    @Test
    void usernameWithNulIsNotFoundRatherThanTruncated() throws Exception {
        assertThat(lookup.lookup("root\0evil")).isEmpty();
        assertThat(lookup.lookup("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nobody", "current-user"})
    void accountMatchesWhatIdReports(String who) throws Exception {
        String username = who.equals("current-user") ? System.getProperty("user.name") : who;

        Optional<PosixAccount> account = lookup.lookup(username);

        assertThat(account).isPresent();
        assertThat(account.get().username()).isEqualTo(username);
        assertThat(Integer.toUnsignedString(account.get().uid())).isEqualTo(id("-u", username));
        assertThat(Integer.toUnsignedString(account.get().gid())).isEqualTo(id("-g", username));
        int[] expectedGroups = Arrays.stream(id("-G", username).split("\\s+")).mapToInt(Integer::parseUnsignedInt)
                .sorted().distinct().toArray();
        assertThat(account.get().groups()).containsExactly(expectedGroups);
    }

    @Test
    void groupsAreSortedWithoutRepeats() {
        PosixAccount account = new PosixAccount("u", 1000, 1000, new int[] {27, 1000, 4, 27}, "/home/u", "/bin/sh");

        assertThat(account.groups()).containsExactly(4, 27, 1000);
    }

    private static String id(String option, String username) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("id", option, username).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as("id %s %s: %s", option, username, out).isZero();
        return out;
    }
}
