package org.conduit.identity.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.conduit.identity.TestDocuments.expressionDocument;
import static org.conduit.identity.TestDocuments.json;
import static org.conduit.identity.TestDocuments.mapping;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.conduit.identity.Identity;
import org.conduit.identity.IdentityMapping;
import org.conduit.identity.IdentityMappingException;
import org.conduit.identity.IdentityMappingException.Reason;
import org.conduit.identity.MappingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionIdentityMappingTest {

    private static final Identity ALICE = Identity.of("b34bb069-3b68-4d38-b4e6-bc1e4fc95332", "alice@example.org")
            .with("email", "alice.smith@example.org").with("status", "used");

    private static Optional<String> map(ObjectNode document, Identity identity) throws IdentityMappingException {
        return ExpressionIdentityMapping.fromDocument(document).map(identity);
    }

    private static IdentityMappingException parseError(ObjectNode document) {
        try {
            ExpressionIdentityMapping.fromDocument(document);
        } catch (IdentityMappingException e) {
            return e;
        }
        throw new AssertionError("document was accepted: " + document);
    }

    // --- the examples of the GCS identity mapping guide / globus-identity-mapping ---

    @Test
    void usernameInDomainMapsToThePartBeforeTheAt() throws Exception {
        ObjectNode document = expressionDocument(mapping("{username}", "(.*)@example\\.org", "{0}"));

        assertThat(map(document, ALICE)).contains("alice");
        assertThat(map(document, Identity.of("x", "alice@example.com"))).isEmpty();
        assertThat(map(document, Identity.of("x", "alice@exampleXorg"))).as("\\. is a literal dot").isEmpty();
    }

    @Test
    void identityIdMapsToAnApplicationAccount() throws Exception {
        ObjectNode document = expressionDocument(
                mapping("{id}", "b34bb069-3b68-4d38-b4e6-bc1e4fc95332", "application_account"));

        assertThat(map(document, ALICE)).contains("application_account");
        assertThat(map(document, Identity.of("other-id", "alice@example.org"))).isEmpty();
    }

    @Test
    void identityIsRewrittenFromOneDomainToAnother() throws Exception {
        ObjectNode document = expressionDocument(mapping("{username}", "(.*)@example\\.edu", "{0}@data.example.edu"));

        assertThat(map(document, Identity.of("x", "bob@example.edu"))).contains("bob@data.example.edu");
    }

    @Test
    void setOfIdentitiesMapsToACommonAccount() throws Exception {
        ObjectNode document = expressionDocument(mapping("{username}", "(alice|bob)@example\\.org", "globus"));

        assertThat(map(document, ALICE)).contains("globus");
        assertThat(map(document, Identity.of("x", "bob@example.org"))).contains("globus");
        assertThat(map(document, Identity.of("x", "carol@example.org"))).isEmpty();
    }

    @Test
    void emailBasedMappingFromTheGlobusDocsMapsTheSecondLinkedIdentity() throws Exception {
        ObjectNode document = expressionDocument(
                mapping("{email}", "(.*)@your_institution.com", "{0}"),
                mapping("{email}", "(.*)@cs.your_institution.com", "{0}"));
        Identity alicia = Identity.of("00000000-0000-4444-8888-111111111111", "alicia@legal.your_institution.com")
                .with("email", "alicia@legal.your_institution.com").with("status", "used");
        Identity roberto = Identity.of("00000000-0000-4444-8888-222222222222", "roberto@your_institution.com")
                .with("email", "roberto@cs.your_institution.com").with("status", "used");

        assertThat(map(document, alicia)).isEmpty();
        assertThat(map(document, roberto)).contains("roberto");
        assertThat(ExpressionIdentityMapping.fromDocument(document).mapAll(List.of(alicia, roberto)))
                .isEqualTo(Map.of(roberto.id(), List.of("roberto")));
    }

    // --- semantics ---

    @Test
    void firstMatchingMappingWins() throws Exception {
        ObjectNode document = expressionDocument(
                mapping("{username}", "nobody@nowhere", "never"),
                mapping("{username}", "(.*)@example\\.org", "first-{0}"),
                mapping("{username}", "(.*)@example\\.org", "second-{0}"));

        assertThat(map(document, ALICE)).contains("first-alice");
    }

    @Test
    void groupZeroIsTheFirstParenthesisedGroupNotTheWholeMatch() throws Exception {
        ObjectNode document = expressionDocument(mapping("{username}", "(.*)@(.*)\\.org", "{1}_{0}"));

        assertThat(map(document, ALICE)).contains("example_alice");
    }

    @Test
    void matchMustCoverTheWholeSource() throws Exception {
        ObjectNode document = expressionDocument(mapping("{username}", "alice", "a"));

        assertThat(map(document, ALICE)).as("no substring match").isEmpty();
    }

    @Test
    void ignoreCaseMatchesRegardlessOfCase() throws Exception {
        ObjectNode sensitive = expressionDocument(mapping("{username}", "(.*)@EXAMPLE\\.ORG", "{0}"));
        ObjectNode insensitive = expressionDocument(
                mapping("{username}", "(.*)@EXAMPLE\\.ORG", "{0}").put("ignore_case", true));

        assertThat(map(sensitive, ALICE)).isEmpty();
        assertThat(map(insensitive, ALICE)).contains("alice");
    }

    @Test
    void literalMatchTreatsSpecialCharactersAsText() throws Exception {
        ObjectNode document = expressionDocument(
                mapping("{username}", "a.c*(x)|y@example.org", "special").put("literal", true));

        assertThat(map(document, Identity.of("x", "a.c*(x)|y@example.org"))).contains("special");
        assertThat(map(document, Identity.of("x", "abc*(x)|y@example.org"))).isEmpty();
        assertThat(map(document, Identity.of("x", "y@example.org"))).isEmpty();
    }

    @Test
    void literalMatchWithGroupReferenceIsRejectedAtParse() {
        IdentityMappingException e = parseError(expressionDocument(
                mapping("{username}", "alice@example.org", "{0}").put("literal", true)));

        assertThat(e.reason()).isEqualTo(Reason.INVALID_MAPPING_DOCUMENT);
        assertThat(e.getMessage()).contains("{0}", "literal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a+b@example.org", "^a$@example.org", "a{2}@example.org", "[ab]@example.org"})
    void caretDollarPlusBracesAndBracketsAreLiterals(String username) throws Exception {
        ObjectNode document = expressionDocument(mapping("{username}", username, "matched"));

        assertThat(map(document, Identity.of("x", username))).contains("matched");
        assertThat(map(document, Identity.of("x", "aab@example.org"))).isEmpty();
        assertThat(map(document, Identity.of("x", "aa@example.org"))).isEmpty();
    }

    @Test
    void escapedWildcardsMatchThemselves() throws Exception {
        ObjectNode document = expressionDocument(mapping("{username}", "a\\*\\?\\(\\)\\|\\.\\\\b", "ok"));

        assertThat(map(document, Identity.of("x", "a*?()|.\\b"))).contains("ok");
        assertThat(map(document, Identity.of("x", "aa?()|.\\b"))).isEmpty();
    }

    @Test
    void optionalAndRepeatedItemsWork() throws Exception {
        ObjectNode document = expressionDocument(mapping("{username}", "(ab*c?)@example\\.org", "{0}"));

        assertThat(map(document, Identity.of("x", "abbbc@example.org"))).contains("abbbc");
        assertThat(map(document, Identity.of("x", "a@example.org"))).contains("a");
        assertThat(map(document, Identity.of("x", "acc@example.org"))).isEmpty();
    }

    @Test
    void backReferenceMatchesTheSameTextAgain() throws Exception {
        ObjectNode document = expressionDocument(mapping("{username}", "(.*)-\\1@example\\.org", "{0}"));

        assertThat(map(document, Identity.of("x", "ab-ab@example.org"))).contains("ab");
        assertThat(map(document, Identity.of("x", "ab-ac@example.org"))).isEmpty();
    }

    @Test
    void sourceMayCombineSeveralFields() throws Exception {
        ObjectNode document = expressionDocument(
                mapping("{identity_provider}/{username}", "idp-1/(.*)@example\\.org", "{0}_{email}"));

        assertThat(map(document, ALICE.with("identity_provider", "idp-1"))).contains("alice_alice.smith@example.org");
    }

    @Test
    void escapedBraceIsNotInterpolatedAndKeepsItsBackslash() throws Exception {
        ObjectNode document = expressionDocument(mapping("{username}", "(.*)@example\\.org", "\\{username}-{0}"));

        assertThat(map(document, ALICE)).contains("\\{username}-alice");
    }

    @Test
    void missingInterpolatedFieldIsAnError() throws Exception {
        ExpressionIdentityMapping mapping = ExpressionIdentityMapping.fromDocument(
                expressionDocument(mapping("{organization}", "Example", "staff")));

        assertThatThrownBy(() -> mapping.map(ALICE))
                .isInstanceOfSatisfying(IdentityMappingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MISSING_IDENTITY_FIELD);
                    assertThat(e.getMessage()).contains("{organization}", ALICE.id());
                });
    }

    @Test
    void mapAllSkipsIdentitiesThatAreNotUsedOrPrivate() throws Exception {
        ExpressionIdentityMapping mapping = ExpressionIdentityMapping.fromDocument(expressionDocument(
                mapping("{username}", "(.*)@example\\.org", "{0}"),
                mapping("{username}", "(.*)@example\\.org", "{0}-admin"),
                mapping("{username}", "(.*)@example\\.org", "{0}")));
        Identity used = Identity.of("1", "alice@example.org").with("status", "used");
        Identity privateIdentity = Identity.of("2", "bob@example.org").with("status", "private");
        Identity unused = Identity.of("3", "carol@example.org").with("status", "unused");
        Identity noStatus = Identity.of("4", "dave@example.org");

        Map<String, List<String>> mapped = mapping.mapAll(List.of(used, privateIdentity, unused, noStatus));

        assertThat(mapped).containsExactly(
                Map.entry("1", List.of("alice", "alice-admin")),
                Map.entry("2", List.of("bob", "bob-admin")));
    }

    @Test
    void unknownFieldsSuchAsCommentsAreIgnored() throws Exception {
        ObjectNode document = expressionDocument(mapping("{username}", "(.*)@example\\.org", "{0}").put("comment", "x"));
        document.put("comment", "For more examples, see the identity mapping guide");

        assertThat(map(document, ALICE)).contains("alice");
    }

    // --- documents GCS rejects ---

    @ParameterizedTest
    @ValueSource(strings = {"*@example.org", "?lice@example.org"})
    void leadingWildcardIsRejectedAtParse(String match) {
        IdentityMappingException e = parseError(expressionDocument(mapping("{username}", match, "x")));

        assertThat(e.reason()).isEqualTo(Reason.INVALID_MAPPING_DOCUMENT);
        assertThat(e.getMessage()).contains("mappings[0].match", "leading wildcard");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(.*?)@example.org", "(a??)@example.org"})
    void lazyRepetitionIsRejectedAtParse(String match) {
        IdentityMappingException e = parseError(expressionDocument(mapping("{username}", match, "x")));

        assertThat(e.getMessage()).contains("lazy repetition", "not supported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a**", "a?*", "(*a)", "a|*b", "(a", "a)", "\\d+", "a\\", "\\0"})
    void otherInvalidExpressionsAreRejectedAtParse(String match) {
        IdentityMappingException e = parseError(expressionDocument(mapping("{username}", match, "x")));

        assertThat(e.reason()).isEqualTo(Reason.INVALID_MAPPING_DOCUMENT);
        assertThat(e.getMessage()).contains("is not a valid match expression");
    }

    @Test
    void outputReferencingAMissingGroupIsRejectedAtParse() {
        IdentityMappingException e = parseError(expressionDocument(mapping("{username}", "(.*)@example\\.org", "{1}")));

        assertThat(e.getMessage()).contains("mappings[0].output", "{1}", "1 group");
    }

    @Test
    void groupReferenceInSourceIsRejectedAtParse() {
        IdentityMappingException e = parseError(expressionDocument(mapping("{0}", "(.*)", "{0}")));

        assertThat(e.getMessage()).contains("mappings[0].source", "not in source");
    }

    @Test
    void missingMatchIsRejectedAtParse() {
        ObjectNode incomplete = mapping("{username}", "x", "y");
        incomplete.remove("match");

        assertThat(parseError(expressionDocument(incomplete)).getMessage()).contains("mappings[0].match is missing");
    }

    @Test
    void unknownDataTypeIsRejected() {
        assertThatThrownBy(() -> IdentityMapping.fromDocument(
                json("{\"DATA_TYPE\": \"regex_identity_mapping#2.0.0\", \"mappings\": []}"), MappingContext.of("c", "s")))
                .isInstanceOfSatisfying(IdentityMappingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_MAPPING_DOCUMENT);
                    assertThat(e.getMessage()).contains("unsupported DATA_TYPE 'regex_identity_mapping#2.0.0'",
                            ExpressionIdentityMapping.DATA_TYPE);
                });
    }

    // --- catastrophic expressions ---

    @ParameterizedTest
    @ValueSource(strings = {"((a|a)*)*b", "(.*)*(.*)*(.*)*(.*)*b"})
    void catastrophicExpressionFailsFastInsteadOfHanging(String match) throws Exception {
        ExpressionIdentityMapping mapping = ExpressionIdentityMapping.fromDocument(
                expressionDocument(mapping("{username}", match, "x")));
        Identity victim = Identity.of("x", "a".repeat(40));

        long start = System.nanoTime();
        IdentityMappingException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                mapping.map(victim);
            } catch (IdentityMappingException expected) {
                return expected;
            }
            throw new AssertionError("the catastrophic expression completed");
        });
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e.reason()).isEqualTo(Reason.EXPRESSION_TOO_COSTLY);
        assertThat(e.getMessage()).contains(match, "nested or overlapping repetition");
        assertThat(elapsed).isLessThan(Duration.ofMillis(900));
    }

    @Test
    void largeAlternationOfUsernamesStaysWithinTheBudget() throws Exception {
        StringBuilder names = new StringBuilder("(u0");
        for (int i = 1; i < 2000; i++) {
            names.append("|u").append(i);
        }
        ObjectNode document = expressionDocument(mapping("{username}", names + ")@example\\.org", "{0}"));

        assertThat(map(document, Identity.of("x", "u1999@example.org"))).contains("u1999");
    }
}
