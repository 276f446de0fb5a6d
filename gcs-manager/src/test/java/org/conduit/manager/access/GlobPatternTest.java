package org.conduit.manager.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobPatternTest {

    @ParameterizedTest(name = "fnmatch(\"{0}\", \"{1}\", 0) matches: {2}")
    @CsvSource(delimiter = '|', value = {
        // flags 0: no FNM_PATHNAME, so wildcards and brackets cross '/'
        "/data/*        | /data/a/b/c      | true",
        "/data/*.txt    | /data/sub/a.txt  | true",
        "*              | /                | true",
        "/data?x        | /data/x          | true",
        "/data[!a]x     | /data/x          | true",
        "/data[/]x      | /data/x          | true",
        // no FNM_PERIOD: a leading dot is ordinary
        "/home/*        | /home/.ssh       | true",
        "/home/?ssh     | /home/.ssh       | true",
        // literals and anchoring
        "/data          | /data            | true",
        "/data          | /data/x          | false",
        "/data          | /dat             | false",
        "/data/*        | /data            | false",
        "/data*         | /data            | true",
        // brackets
        "/p[0-9]        | /p7              | true",
        "/p[0-9]        | /pa              | false",
        "/p[!0-9]       | /pa              | true",
        "/p[^0-9]       | /p7              | false",
        "/p[]a]         | /p]              | true",
        "/p[!]]         | /p]              | false",
        "/p[a-]         | /p-              | true",
        "/p[[:digit:]]  | /p4              | true",
        "/p[[:upper:]]  | /pa              | false",
        "/p[[:alpha:]_] | /p_              | true",
        // an unterminated bracket is a literal '['
        "/p[a           | /p[a             | true",
        "/p[a           | /pa              | false",
        // backslash escapes, also inside brackets
        "/a\\*          | /a*              | true",
        "/a\\*          | /ab              | false",
        "/a\\?          | /ab              | false",
        "/a[\\]]        | /a]              | true",
        // '?' is one character, even outside the BMP
        "/x?y           | /x\uD83D\uDE00y  | true",
        "/x??y          | /x\uD83D\uDE00y  | false",
        // backtracking over several stars
        "/*a*b*c        | /xaybzc          | true",
        "/*a*b*c        | /xaybzcd         | false",
    })
    void matchesLikeFnmatchWithFlagsZero(String pattern, String text, boolean expected) {
        assertThat(GlobPattern.compile(pattern).matches(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" can match something below \"{1}\": {2}")
    @CsvSource(delimiter = '|', value = {
        "/projects      | /           | true",
        "/projects      | /projects/  | false",
        "/projects/a/b  | /projects/  | true",
        "/projects/a/b  | /other/     | false",
        "/a*/b          | /ax/c/      | true",
        "/data/*        | /data/      | true",
        "*              | /x/         | true",
        "/p[0-9]/x      | /p1/        | true",
        "/p[0-9]/x      | /pa/        | false",
    })
    void canMatchLongerThanFollowsThePatternPastThePrefix(String pattern, String prefix, boolean expected) {
        assertThat(GlobPattern.compile(pattern).canMatchLongerThan(prefix)).isEqualTo(expected);
    }

    @Test
    void countsElementsByKindForPrecedence() {
        GlobPattern pattern = GlobPattern.compile("/a[bc]?*\\*");
        assertThat(pattern.count(GlobPattern.Kind.LITERAL)).isEqualTo(3);
        assertThat(pattern.count(GlobPattern.Kind.BRACKET)).isEqualTo(1);
        assertThat(pattern.count(GlobPattern.Kind.SINGLE)).isEqualTo(1);
        assertThat(pattern.count(GlobPattern.Kind.STAR)).isEqualTo(1);
    }

    @Test
    void refusesEquivalenceClassesAndCollatingSymbols() {
        assertThatThrownBy(() -> GlobPattern.compile("/p[[=a=]]")).hasMessageContaining("not supported");
        assertThatThrownBy(() -> GlobPattern.compile("/p[[.a.]]")).hasMessageContaining("not supported");
    }

    @Test
    void refusesUnknownCharacterClass() {
        assertThatThrownBy(() -> GlobPattern.compile("/p[[:letter:]]")).hasMessageContaining("[:letter:]");
    }
}
