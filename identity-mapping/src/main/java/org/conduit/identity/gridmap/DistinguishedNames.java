package org.conduit.identity.gridmap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * X.509 subject names in the two spellings Conduit meets: the OpenSSL "oneline" slash form that gridmap
 * files use ({@code /C=US/O=Example/CN=Alice Smith}, most significant first, non-ASCII bytes as
 * {@code \xHH}) and the RFC 2253 form Java produces ({@code CN=Alice Smith,O=Example,C=US}).
 * Comparison follows the Globus toolkit: case-insensitive, with {@code UID} = {@code USERID} and
 * {@code E} = {@code Email} = {@code emailAddress}.
 */
public final class DistinguishedNames {

    private static final Map<String, String> OID_NAMES = Map.of(
            "2.5.4.3", "CN",
            "2.5.4.6", "C",
            "2.5.4.7", "L",
            "2.5.4.8", "ST",
            "2.5.4.10", "O",
            "2.5.4.11", "OU",
            "2.5.4.5", "serialNumber",
            "0.9.2342.19200300.100.1.25", "DC",
            "0.9.2342.19200300.100.1.1", "UID",
            "1.2.840.113549.1.9.1", "emailAddress");

    private static final List<String[]> ATTRIBUTE_ALIASES = List.of(
            new String[] {"uid=", "userid="},
            new String[] {"e=", "emailaddress="},
            new String[] {"email=", "emailaddress="});

    private DistinguishedNames() {}

    /**
     * The slash form of a DN given in either spelling; a DN that starts with {@code /} is returned as is.
     *
     * @throws IllegalArgumentException when the DN is neither form
     */
    public static String toSlashForm(String dn) {
        if (dn.startsWith("/")) {
            return dn;
        }
        List<Rdn> rdns;
        try {
            rdns = new LdapName(dn).getRdns();
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("not a DN in slash or RFC 2253 form: " + dn, e);
        }
        StringBuilder slash = new StringBuilder();
        for (Rdn rdn : rdns) {
            slash.append('/');
            try {
                NamingEnumeration<? extends Attribute> attributes = rdn.toAttributes().getAll();
                boolean first = true;
                while (attributes.hasMore()) {
                    Attribute attribute = attributes.next();
                    slash.append(first ? "" : "+").append(typeName(attribute.getID()))
                            .append('=').append(valueText(attribute.get()));
                    first = false;
                }
            } catch (NamingException e) {
                throw new IllegalArgumentException("unreadable RDN " + rdn + " in " + dn, e);
            }
        }
        return slash.toString();
    }

    /** Short names for the OIDs Java writes ({@code 2.5.4.3} or RFC 1779 {@code OID.2.5.4.3}). */
    private static String typeName(String type) {
        String oid = type.regionMatches(true, 0, "OID.", 0, 4) ? type.substring(4) : type;
        return OID_NAMES.getOrDefault(oid, type);
    }

    /** The key two slash-form DNs compare equal by; {@code \xHH} escapes must already be decoded. */
    static String comparisonKey(String slashDn) {
        String lower = slashDn.toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(lower.length() + 16);
        int i = 0;
        while (i < lower.length()) {
            char c = lower.charAt(i++);
            key.append(c);
            if (c == '/') {
                for (String[] alias : ATTRIBUTE_ALIASES) {
                    if (lower.startsWith(alias[0], i)) {
                        key.append(alias[1]);
                        i += alias[0].length();
                        break;
                    }
                }
            }
        }
        return key.toString();
    }

    /**
     * Decodes a slash-form DN as written in a gridmap file or by OpenSSL: {@code \xHH} is a byte (UTF-8
     * sequences are reassembled), {@code \c} is {@code c} when {@code allEscapes}, otherwise kept.
     */
    static String unescape(String text, boolean allEscapes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 3 < text.length() && text.charAt(i + 1) == 'x'
                    && isHex(text.charAt(i + 2)) && isHex(text.charAt(i + 3))) {
                bytes.write(HexFormat.fromHexDigits(text, i + 2, i + 4));
                i += 4;
            } else if (c == '\\' && allEscapes) {
                if (i + 1 < text.length()) {
                    writeUtf8(bytes, text.substring(i + 1, i + 2));
                }
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                writeUtf8(bytes, text.substring(i, end));
                i = end;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static void writeUtf8(ByteArrayOutputStream bytes, String s) {
        bytes.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 2253 {@code #hex} values are DER; the usual directory string types are decoded, others kept as hex. */
    private static String valueText(Object value) {
        if (!(value instanceof byte[] der)) {
            return String.valueOf(value);
        }
        if (der.length >= 2 && (der[1] & 0x80) == 0 && der.length == 2 + der[1]) {
            Charset charset = switch (der[0]) {
                case 0x0C -> StandardCharsets.UTF_8;
                case 0x13, 0x16 -> StandardCharsets.US_ASCII;
                case 0x14 -> StandardCharsets.ISO_8859_1;
                case 0x1E -> StandardCharsets.UTF_16BE;
                default -> null;
            };
            if (charset != null) {
                return new String(der, 2, der.length - 2, charset);
            }
        }
        return "#" + HexFormat.of().formatHex(der);
    }
}
