package org.conduit.identity.gridmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.conduit.identity.IdentityMappingException;
import org.conduit.identity.IdentityMappingException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridmapTest {

    private static final List<String> LINES = List.of(
            "# Conduit test grid-mapfile",
            "",
            "   ",
            "\"/C=US/O=Example/CN=Alice Smith\" alice,asmith",
            "\"/C=US/O=Example/CN=Alice Smith\" impostor",
            "/C=US/O=Example/CN=bob bob",
            "\t\"/C=US/O=Example/CN=Carol \\\"CJ\\\" Jones\"   carol , cjones   # trailing comment",
            "\"/C=DE/O=Uni/CN=J\\xC3\\xBCrgen M\\xC3\\xBCller\" juergen",
            "\"/C=US/O=Example/CN=Dave/Email=dave@example.org\" dave",
            "\"/DC=org/DC=example/UID=erin\" erin",
            "\"/C=US/O=Example/CN=Broken no closing quote frank",
            "\"/C=US/O=Example/CN=Nobody Here\"",
            "\"/C=US/O=Example/CN=Grace\" grace");

    private final Gridmap gridmap = Gridmap.parse(LINES, "test");

    @Test
    void quotedDnWithSpacesMapsToItsUsersInOrder() {
        assertThat(gridmap.users("/C=US/O=Example/CN=Alice Smith")).containsExactly("alice", "asmith");
        assertThat(gridmap.firstUser("/C=US/O=Example/CN=Alice Smith")).contains("alice");
    }

    @Test
    void firstLineForADnWins() {
        assertThat(gridmap.users("/C=US/O=Example/CN=Alice Smith")).doesNotContain("impostor");
    }

    @Test
    void unquotedDnWithoutSpacesIsAccepted() {
        assertThat(gridmap.firstUser("/C=US/O=Example/CN=bob")).contains("bob");
    }

    @Test
    void escapedQuotesAndCommentsAndSpacedUserListsAreParsed() {
        assertThat(gridmap.users("/C=US/O=Example/CN=Carol \"CJ\" Jones")).containsExactly("carol", "cjones");
    }

    @Test
    void rfc2253DnIsConvertedToSlashFormForLookup() {
        assertThat(gridmap.firstUser("CN=Alice Smith,O=Example,C=US")).contains("alice");
        assertThat(gridmap.firstUser("CN=Carol \\\"CJ\\\" Jones,O=Example,C=US")).contains("carol");
    }

    @Test
    void dnComparisonIgnoresCase() {
        assertThat(gridmap.firstUser("/c=us/o=EXAMPLE/cn=alice smith")).contains("alice");
    }

    @Test
    void hexEscapedUtf8InTheFileMatchesUnicodeAndOpenSslSpellings() {
        assertThat(gridmap.firstUser("CN=Jürgen Müller,O=Uni,C=DE")).contains("juergen");
        assertThat(gridmap.firstUser("/C=DE/O=Uni/CN=J\\xC3\\xBCrgen M\\xC3\\xBCller")).contains("juergen");
    }

    @Test
    void emailAndUidAttributeSpellingsAreEquivalent() {
        String javaRfc2253 = new X500Principal("EMAILADDRESS=dave@example.org, CN=Dave, O=Example, C=US").getName();
        assertThat(javaRfc2253).startsWith("1.2.840.113549.1.9.1=#");

        assertThat(gridmap.firstUser(javaRfc2253)).contains("dave");
        assertThat(gridmap.firstUser("/C=US/O=Example/CN=Dave/emailAddress=dave@example.org")).contains("dave");
        assertThat(gridmap.firstUser("/C=US/O=Example/CN=Dave/E=dave@example.org")).contains("dave");
        assertThat(gridmap.firstUser("/DC=org/DC=example/USERID=erin")).contains("erin");
        assertThat(gridmap.firstUser("UID=erin,DC=example,DC=org")).contains("erin");
    }

    @Test
    void malformedLinesAreSkippedAndTheRestStillLoads() {
        assertThat(gridmap.users("/C=US/O=Example/CN=Nobody Here")).isEmpty();
        assertThat(gridmap.firstUser("/C=US/O=Example/CN=Grace")).contains("grace");
    }

    @Test
    void unknownDnHasNoUsers() {
        assertThat(gridmap.users("/C=US/O=Example/CN=Mallory")).isEmpty();
        assertThat(gridmap.firstUser("CN=Alice Smith,O=Other,C=US")).isEmpty();
    }

    @Test
    void textThatIsNotADnIsRejected() {
        assertThatThrownBy(() -> gridmap.users("not a dn")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gridmapFileIsReloadedWhenItsModificationTimeChanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grid-mapfile");
        Files.writeString(file, "\"/C=US/O=Example/CN=Alice Smith\" alice\n");
        FileTime written = Files.getLastModifiedTime(file);
        GridmapFile gridmapFile = new GridmapFile(file);
        assertThat(gridmapFile.firstUser("/C=US/O=Example/CN=Alice Smith")).contains("alice");

        Files.writeString(file, "\"/C=US/O=Example/CN=Alice Smith\" alicia\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(written.toMillis() + 2000));

        assertThat(gridmapFile.firstUser("/C=US/O=Example/CN=Alice Smith")).contains("alicia");
    }

    @Test
    void unchangedGridmapFileIsNotReparsed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grid-mapfile");
        Files.writeString(file, "\"/CN=A\" a\n");
        GridmapFile gridmapFile = new GridmapFile(file);

        assertThat(gridmapFile.current()).isSameAs(gridmapFile.current());
    }

    @Test
    void missingGridmapFileIsAnError(@TempDir Path dir) {
        Path missing = dir.resolve("grid-mapfile");

        assertThatThrownBy(() -> new GridmapFile(missing).users("/CN=A"))
                .isInstanceOfSatisfying(IdentityMappingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.GRIDMAP_UNREADABLE);
                    assertThat(e.getMessage()).contains(missing.toString());
                });
    }
}
