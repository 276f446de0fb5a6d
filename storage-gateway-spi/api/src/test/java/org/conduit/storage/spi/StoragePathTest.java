package org.conduit.storage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StoragePathTest {

    @ParameterizedTest
    @CsvSource({
        "/, /",
        "'', /",
        "a, /a",
        "/a//b/, /a/b",
        "./a/./b, /a/b",
        "/a/b/../c, /a/c",
        "a/..,/",
        "/with space/ünïcødé, /with space/ünïcødé",
    })
    void normalisesClientPaths(String raw, String expected) {
        assertThat(StoragePath.parse(raw).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "/..", "/a/../..", "../etc/passwd", "a/b/../../../x"})
    void climbingAboveTheRootIsRefused(String raw) {
        assertThatThrownBy(() -> StoragePath.parse(raw))
            .isInstanceOf(StorageException.InvalidPath.class)
            .hasMessageContaining("above the collection root");
    }

    @Test
    void nulByteIsRefused() {
        assertThatThrownBy(() -> StoragePath.parse("/a\0.txt"))
            .isInstanceOf(StorageException.InvalidPath.class).hasMessageContaining("NUL");
    }

    @Test
    void lineBreaksAreRefused() {
        assertThatThrownBy(() -> StoragePath.parse("/a\r\n226 ok"))
            .isInstanceOf(StorageException.InvalidPath.class).hasMessageContaining("line breaks");
    }

    @Test
    void nameOfMoreThan255BytesIsRefusedButExactly255IsFine() {
        assertThat(StoragePath.parse("/" + "x".repeat(255)).name()).hasSize(255);
        // 128 two-byte characters = 256 bytes
        assertThatThrownBy(() -> StoragePath.parse("/" + "é".repeat(128)))
            .isInstanceOf(StorageException.InvalidPath.class).hasMessageContaining("255");
    }

    @Test
    void pathOfMoreThan4096BytesIsRefused() {
        String deep = ("/" + "d".repeat(99)).repeat(42);
        assertThatThrownBy(() -> StoragePath.parse(deep))
            .isInstanceOf(StorageException.InvalidPath.class).hasMessageContaining("4096");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "a/b", ""})
    void resolveTakesOnlyPlainNames(String name) {
        assertThatThrownBy(() -> StoragePath.parse("/a").resolve(name))
            .isInstanceOf(StorageException.InvalidPath.class);
    }

    @Test
    void parentNameAndPrefix() {
        StoragePath p = StoragePath.parse("/a/b/c");
        assertThat(p.parent()).isEqualTo(StoragePath.parse("/a/b"));
        assertThat(p.name()).isEqualTo("c");
        assertThat(p.startsWith(StoragePath.parse("/a"))).isTrue();
        assertThat(p.startsWith(StoragePath.parse("/ab"))).isFalse();
        assertThat(StoragePath.root().parent().isRoot()).isTrue();
        assertThat(p.relative()).isEqualTo("a/b/c");
    }

    @Test
    void resolvePathCannotClimbAboveItsBase() {
        StoragePath base = StoragePath.parse("/home/alice");
        assertThat(base.resolvePath("x/y").toString()).isEqualTo("/home/alice/x/y");
        assertThatThrownBy(() -> base.resolvePath("../bob")).isInstanceOf(StorageException.InvalidPath.class);
    }
}
