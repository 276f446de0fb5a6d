package org.conduit.manager.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathRestrictionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MappedUser ALICE = MappedUser.of("alice", "/home/alice");

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static PathRestrictions restrictions(String text) {
        return PathRestrictions.fromJson(json(text));
    }

    private static PathRestrictions rules(List<String> read, List<String> readWrite, List<String> none) {
        return PathRestrictions.of(read, readWrite, none);
    }

    // ---- the override table of the GCS PathRestrictions schema, one row each ----

    @ParameterizedTest(name = "longer {0}, shorter {1} -> {2}")
    @CsvSource({
        "READ_WRITE, READ,       READ_WRITE",
        "READ_WRITE, NONE,       READ_WRITE",
        "READ,       READ_WRITE, READ_WRITE",
        "READ,       NONE,       READ",
        "NONE,       READ_WRITE, NONE",
        "NONE,       READ,       NONE",
    })
    void overrideTableRow(Access longer, Access shorter, Access expected) {
        PathRestrictions restrictions = rules(
                listFor(Access.READ, longer, shorter), listFor(Access.READ_WRITE, longer, shorter),
                listFor(Access.NONE, longer, shorter));

        PathRestrictions.Verdict verdict = restrictions.evaluate("/data/project/results.csv", ALICE);

        assertThat(verdict).isEqualTo(new PathRestrictions.Verdict(expected, true));
    }

    /** The longer rule is /data/project, the shorter /data; each list holds whichever has its access. */
    private static List<String> listFor(Access list, Access longer, Access shorter) {
        if (longer == list && shorter == list) {
            throw new IllegalArgumentException("the table never repeats a type");
        }
        return longer == list ? List.of("/data/project") : shorter == list ? List.of("/data") : List.of();
    }

    @Test
    void longerNoneDeniesEvenUnderShorterReadWrite() {
        PathRestrictions restrictions = restrictions(
                "{'DATA_TYPE': 'path_restrictions#1.0.0', 'read_write': ['/data'], 'none': ['/data/secret']}");

        assertThat(restrictions.evaluate("/data/secret/key", ALICE).access()).isEqualTo(Access.NONE);
        assertThat(restrictions.evaluate("/data/public", ALICE).access()).isEqualTo(Access.READ_WRITE);
    }

    @Test
    void shorterNoneNeverRemovesLongerGrant() {
        PathRestrictions restrictions = restrictions(
                "{'DATA_TYPE': 'path_restrictions#1.0.0', 'read': ['/data/public'], 'none': ['/data']}");

        assertThat(restrictions.evaluate("/data/public/a", ALICE).access()).isEqualTo(Access.READ);
        assertThat(restrictions.evaluate("/data/other", ALICE).access()).isEqualTo(Access.NONE);
    }

    @Test
    void readUnderNoneUnderReadWriteBecomesReadWriteBecauseTheTableFoldsPairwise() {
        PathRestrictions restrictions = rules(List.of("/a/secret/pub"), List.of("/a"), List.of("/a/secret"));

        assertThat(restrictions.evaluate("/a/secret/pub/f", ALICE).access()).isEqualTo(Access.READ_WRITE);
        assertThat(restrictions.evaluate("/a/secret/other", ALICE).access()).isEqualTo(Access.NONE);
    }

    // ---- precedence: literal > bracket > ? > * ----

    @Test
    void literalOutranksStarThatMatchesMoreText() {
        PathRestrictions restrictions = restrictions("{'DATA_TYPE': 'path_restrictions#1.0.0',"
                + " 'read': ['/opt/data/outbox'], 'read_write': ['/opt/data/inbox'], 'none': ['*']}");

        assertThat(restrictions.evaluate("/opt/data/inbox/upload.bin", ALICE).access()).isEqualTo(Access.READ_WRITE);
        assertThat(restrictions.evaluate("/opt/data/outbox/x", ALICE).access()).isEqualTo(Access.READ);
        assertThat(restrictions.evaluate("/etc/passwd", ALICE).access()).isEqualTo(Access.NONE);
    }

    @Test
    void bracketOutranksQuestionMark() {
        assertThat(rules(List.of("/data/p?"), List.of(), List.of("/data/p[a-z]"))
                .evaluate("/data/pa/f", ALICE).access()).isEqualTo(Access.NONE);
        assertThat(rules(List.of("/data/p[a-z]"), List.of(), List.of("/data/p?"))
                .evaluate("/data/pa/f", ALICE).access()).isEqualTo(Access.READ);
    }

    @Test
    void questionMarkOutranksStar() {
        assertThat(rules(List.of("/data/p*"), List.of(), List.of("/data/p?"))
                .evaluate("/data/pa", ALICE).access()).isEqualTo(Access.NONE);
        assertThat(rules(List.of("/data/p?"), List.of(), List.of("/data/p*"))
                .evaluate("/data/pa", ALICE).access()).isEqualTo(Access.READ);
    }

    @Test
    void literalOutranksBracket() {
        assertThat(rules(List.of("/data/p[a-z]"), List.of(), List.of("/data/pa"))
                .evaluate("/data/pa/f", ALICE).access()).isEqualTo(Access.NONE);
    }

    @Test
    void equalRankConflictCountsTheRestrictiveRuleAsLonger() {
        PathRestrictions restrictions = rules(List.of(), List.of("/a?c"), List.of("/ab?"));

        assertThat(restrictions.evaluate("/abc", ALICE).access()).isEqualTo(Access.NONE);
    }

    @Test
    void starMatchesSlashSoOnePatternCoversAWholeSubtree() {
        PathRestrictions restrictions = rules(List.of("/data/*.txt"), List.of(), List.of());

        assertThat(restrictions.evaluate("/data/deep/down/notes.txt", ALICE).access()).isEqualTo(Access.READ);
        assertThat(restrictions.evaluate("/data/deep/down/notes.csv", ALICE).matched()).isFalse();
    }

    // ---- matching ----

    @Test
    void ruleAppliesToItsPathAndEverythingBelow() {
        PathRestrictions restrictions = rules(List.of(), List.of("/project"), List.of());

        assertThat(restrictions.evaluate("/project", ALICE).access()).isEqualTo(Access.READ_WRITE);
        assertThat(restrictions.evaluate("/project/a/b/c", ALICE).access()).isEqualTo(Access.READ_WRITE);
        assertThat(restrictions.evaluate("/projectile", ALICE).access()).isEqualTo(Access.NONE);
    }

    @Test
    void nothingMatchingIsDeniedAndSaysSo() {
        PathRestrictions restrictions = rules(List.of(), List.of("/project"), List.of());

        assertThat(restrictions.evaluate("/scratch/x", ALICE)).isEqualTo(new PathRestrictions.Verdict(Access.NONE, false));
        assertThat(restrictions.accessAt("/scratch/x", ALICE)).isEqualTo(Access.NONE);
    }

    @Test
    void trailingSlashInPatternNamesTheDirectory() {
        assertThat(rules(List.of("/project/"), List.of(), List.of()).evaluate("/project/a", ALICE).access())
                .isEqualTo(Access.READ);
    }

    // ---- interpolation ----

    @Test
    void homeAndUserAreInterpolatedForTheAccount() {
        PathRestrictions restrictions = restrictions("{'DATA_TYPE': 'path_restrictions#1.0.0',"
                + " 'read_write': ['$HOME', '/scratch/$USER']}");
        MappedUser bob = MappedUser.of("bob", "/home/bob");

        assertThat(restrictions.evaluate("/home/alice/a", ALICE).access()).isEqualTo(Access.READ_WRITE);
        assertThat(restrictions.evaluate("/scratch/alice/a", ALICE).access()).isEqualTo(Access.READ_WRITE);
        assertThat(restrictions.evaluate("/home/alice/a", bob).access()).isEqualTo(Access.NONE);
        assertThat(restrictions.evaluate("/scratch/bob", bob).access()).isEqualTo(Access.READ_WRITE);
    }

    @Test
    void tildeIsTheRootWhenTheConnectorHasNoHome() {
        PathRestrictions restrictions = rules(List.of(), List.of("~/bucket"), List.of());
        MappedUser s3 = MappedUser.withoutHome("AKIA-user");

        assertThat(restrictions.evaluate("/bucket/key", s3).access()).isEqualTo(Access.READ_WRITE);
        assertThat(PathRestrictions.interpolate("~", s3)).isEqualTo("/");
        assertThat(PathRestrictions.interpolate("$HOME/x", s3)).isEqualTo("/x");
    }

    @Test
    void interpolatedUsernameCannotActAsWildcard() {
        PathRestrictions restrictions = rules(List.of(), List.of("/home/$USER"), List.of());
        MappedUser sneaky = MappedUser.of("a*", "/nonexistent");

        assertThat(restrictions.evaluate("/home/alice", sneaky).access()).isEqualTo(Access.NONE);
        assertThat(restrictions.evaluate("/home/a*/f", sneaky).access()).isEqualTo(Access.READ_WRITE);
    }

    // ---- traverse ----

    @Test
    void ancestorsOfAGrantAreTraversableButSiblingsAreNot() {
        // The Globus CLI's example of a mapped collection's sharing_restrict_paths.
        PathRestrictions restrictions = restrictions("{'DATA_TYPE': 'path_restrictions#1.0.0',"
                + " 'none': ['/'], 'read': ['/projects'], 'read_write': ['$HOME']}");

        assertThat(restrictions.accessAt("/", ALICE)).isEqualTo(Access.TRAVERSE);
        assertThat(restrictions.accessAt("/home", ALICE)).isEqualTo(Access.TRAVERSE);
        assertThat(restrictions.accessAt("/home/alice/thesis", ALICE)).isEqualTo(Access.READ_WRITE);
        assertThat(restrictions.accessAt("/projects/x", ALICE)).isEqualTo(Access.READ);
        assertThat(restrictions.accessAt("/home/bob", ALICE)).isEqualTo(Access.NONE);
        assertThat(restrictions.accessAt("/etc", ALICE)).isEqualTo(Access.NONE);
        assertThat(restrictions.evaluate("/", ALICE)).isEqualTo(new PathRestrictions.Verdict(Access.NONE, true));
    }

    @Test
    void deniedSubtreeIsNotWalkableThroughAWiderGrant() {
        PathRestrictions restrictions = rules(List.of(), List.of("/data/*"), List.of("/data/private*"));

        assertThat(restrictions.accessAt("/data/private", ALICE)).isEqualTo(Access.NONE);
        assertThat(restrictions.accessAt("/data/private/sub", ALICE)).isEqualTo(Access.NONE);
        assertThat(restrictions.accessAt("/data/shared", ALICE)).isEqualTo(Access.READ_WRITE);
    }

    @Test
    void grantBelowADeniedDirectoryMakesItTraversable() {
        PathRestrictions restrictions = rules(List.of("/data/secret/pub"), List.of("/data"), List.of("/data/secret"));

        assertThat(restrictions.accessAt("/data/secret", ALICE)).isEqualTo(Access.TRAVERSE);
    }

    // ---- the document ----

    @Test
    void parsesTheSdkExampleAndWritesItBack() {
        JsonNode document = json("{'DATA_TYPE': 'path_restrictions#1.0.0', 'read': ['/public'],"
                + " 'read_write': ['/home', '/projects'], 'none': ['/private']}");

        PathRestrictions restrictions = PathRestrictions.fromJson(document);

        assertThat(restrictions.read()).containsExactly("/public");
        assertThat(restrictions.readWrite()).containsExactly("/home", "/projects");
        assertThat(restrictions.none()).containsExactly("/private");
        assertThat(restrictions.toJson()).isEqualTo(document);
        assertThat(restrictions.evaluate("/private/x", ALICE).access()).isEqualTo(Access.NONE);
        assertThat(restrictions.evaluate("/projects/x", ALICE).access()).isEqualTo(Access.READ_WRITE);
    }

    @Test
    void absentAndNullListsAreEmpty() {
        PathRestrictions restrictions = restrictions("{'DATA_TYPE': 'path_restrictions#1.0.0', 'none': null}");

        assertThat(restrictions.read()).isEmpty();
        assertThat(restrictions.none()).isEmpty();
    }

    @Test
    void refusesAnotherDataType() {
        assertThatThrownBy(() -> restrictions("{'DATA_TYPE': 'path_restrictions#2.0.0', 'read': ['/']}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path_restrictions#1.0.0");
        assertThatThrownBy(() -> restrictions("{'read': ['/']}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DATA_TYPE");
    }

    @Test
    void refusesUnknownList() {
        assertThatThrownBy(() -> restrictions("{'DATA_TYPE': 'path_restrictions#1.0.0', 'read_only': ['/']}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read_only");
    }

    @Test
    void refusesRelativePatterns() {
        assertThatThrownBy(() -> restrictions("{'DATA_TYPE': 'path_restrictions#1.0.0', 'read': ['data/x']}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not absolute");
        assertThatThrownBy(() -> rules(List.of("$USER/x"), List.of(), List.of()))
                .hasMessageContaining("not absolute");
        assertThatThrownBy(() -> rules(List.of("~alice"), List.of(), List.of()))
                .hasMessageContaining("not absolute");
    }

    @Test
    void refusesNonStringsAndNonLists() {
        assertThatThrownBy(() -> restrictions("{'DATA_TYPE': 'path_restrictions#1.0.0', 'read': '/x'}"))
                .hasMessageContaining("must be a list");
        assertThatThrownBy(() -> restrictions("{'DATA_TYPE': 'path_restrictions#1.0.0', 'read': [1]}"))
                .hasMessageContaining("non-string");
        assertThatThrownBy(() -> PathRestrictions.fromJson(json("['/x']"))).hasMessageContaining("JSON object");
    }

    @Test
    void refusesOnePatternInTwoLists() {
        assertThatThrownBy(() -> rules(List.of("/x"), List.of(), List.of("/x"))).hasMessageContaining("both");
    }

    @Test
    void refusesUnsupportedBracketSyntaxWhenParsed() {
        assertThatThrownBy(() -> rules(List.of("/x[[=a=]]"), List.of(), List.of())).hasMessageContaining("not supported");
    }
}
