package org.conduit.storage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChecksumAlgorithmTest {

    /** Published vectors for "abc" (RFC 1321, FIPS 180-2) and the well-known Adler-32 of "abc". */
    @ParameterizedTest
    @CsvSource({
        "MD5, 900150983cd24fb0d6963f7d28e17f72",
        "ADLER32, 024d0127",
        "SHA1, a9993e364706816aba3e25717850c26c9cd0d89d",
        "SHA256, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "SHA512, ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
            + "454d4423643ce80e2a9ac94fa54ca49f",
    })
    void knownVectorsOfAbc(ChecksumAlgorithm algorithm, String expected) {
        ChecksumAlgorithm.Checksum sum = algorithm.start();
        sum.update(ByteBuffer.wrap("a".getBytes(StandardCharsets.US_ASCII)));
        sum.update(ByteBuffer.wrap("bc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(sum.hex()).isEqualTo(expected);
    }

    @Test
    void adler32OfEmptyInputIsEightDigits() {
        assertThat(ChecksumAlgorithm.ADLER32.start().hex()).isEqualTo("00000001");
    }

    @Test
    void namesAreCaseInsensitiveAndUnknownOnesAreRefused() {
        assertThat(ChecksumAlgorithm.parse("sha-256")).isEqualTo(ChecksumAlgorithm.SHA256);
        assertThat(ChecksumAlgorithm.parse("adler32")).isEqualTo(ChecksumAlgorithm.ADLER32);
        assertThatThrownBy(() -> ChecksumAlgorithm.parse("CRC32"))
            .hasMessageContaining("Unknown checksum algorithm requested");
    }
}
