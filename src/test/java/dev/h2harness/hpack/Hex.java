package dev.h2harness.hpack;

import java.util.HexFormat;

/** Hex dumps as printed in RFC 7541 Appendix C, whitespace ignored. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String string(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
