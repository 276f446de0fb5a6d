package org.conduit.manager.access;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * One fnmatch(3) pattern with flags {@code 0}, as GCS path restrictions use them: no {@code FNM_PATHNAME}, so
 * {@code *}, {@code ?} and bracket expressions also match {@code /}; no {@code FNM_PERIOD}, so a leading dot
 * is an ordinary character; backslash escapes the next character (also inside brackets, as glibc does).
 * Bracket expressions take {@code !} or {@code ^} for negation, ranges and the twelve POSIX character
 * classes (ASCII, the C locale). Equivalence classes ({@code [=a=]}) and collating symbols ({@code [.a.]})
 * are refused rather than half-supported. An unterminated {@code [} is a literal, as in glibc.
 *
 * <p>Matching works on code points, not UTF-16 units, so {@code ?} matches one character of any plane.
 */
final class GlobPattern {

    private static final Set<String> CLASSES = Set.of(
            "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit");

    /** What one pattern element is; the order is GCS precedence, most specific first. */
    enum Kind { LITERAL, BRACKET, SINGLE, STAR }

    private record Element(Kind kind, int literal, Bracket bracket) {
        boolean matches(int c) {
            return switch (kind) {
                case LITERAL -> c == literal;
                case BRACKET -> bracket.matches(c);
                case SINGLE -> true;
                case STAR -> throw new IllegalStateException("a star matches sequences, not characters");
            };
        }
    }

    private record Bracket(boolean negated, int[] ranges, List<String> classes) {
        boolean matches(int c) {
            boolean member = false;
            for (int i = 0; i < ranges.length && !member; i += 2) {
                member = ranges[i] <= c && c <= ranges[i + 1];
            }
            for (int i = 0; i < classes.size() && !member; i++) {
                member = inClass(classes.get(i), c);
            }
            return member != negated;
        }
    }

    private final String source;
    private final Element[] elements;

    private GlobPattern(String source, Element[] elements) {
        this.source = source;
        this.elements = elements;
    }

    static GlobPattern compile(String pattern) {
        int[] cps = pattern.codePoints().toArray();
        List<Element> out = new ArrayList<>();
        int i = 0;
        while (i < cps.length) {
            int c = cps[i];
            if (c == '*') {
                out.add(new Element(Kind.STAR, 0, null));
                i++;
            } else if (c == '?') {
                out.add(new Element(Kind.SINGLE, 0, null));
                i++;
            } else if (c == '\\' && i + 1 < cps.length) {
                out.add(new Element(Kind.LITERAL, cps[i + 1], null));
                i += 2;
            } else if (c == '[') {
                int end = parseBracket(cps, i, out, pattern);
                if (end < 0) {
                    out.add(new Element(Kind.LITERAL, '[', null));
                    i++;
                } else {
                    i = end;
                }
            } else {
                out.add(new Element(Kind.LITERAL, c, null));
                i++;
            }
        }
        return new GlobPattern(pattern, out.toArray(new Element[0]));
    }

    /** Parses the bracket expression opening at {@code start}; returns the index after it, or -1 when unterminated. */
    private static int parseBracket(int[] cps, int start, List<Element> out, String pattern) {
        int i = start + 1;
        boolean negated = i < cps.length && (cps[i] == '!' || cps[i] == '^');
        if (negated) {
            i++;
        }
        List<Integer> ranges = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        boolean first = true;
        while (i < cps.length) {
            int c = cps[i];
            if (c == ']' && !first) {
                int[] flat = ranges.stream().mapToInt(Integer::intValue).toArray();
                out.add(new Element(Kind.BRACKET, 0, new Bracket(negated, flat, List.copyOf(classes))));
                return i + 1;
            }
            first = false;
            if (c == '[' && i + 1 < cps.length && (cps[i + 1] == '=' || cps[i + 1] == '.')) {
                throw new IllegalArgumentException("pattern '" + pattern
                        + "' uses an equivalence class or collating symbol ([= or [.), which is not supported");
            }
            if (c == '[' && i + 1 < cps.length && cps[i + 1] == ':') {
                int close = indexOf(cps, i + 2, ':', ']');
                if (close < 0) {
                    return -1;
                }
                String name = new String(cps, i + 2, close - (i + 2));
                if (!CLASSES.contains(name)) {
                    throw new IllegalArgumentException("pattern '" + pattern + "' names an unknown character class [:"
                            + name + ":]");
                }
                classes.add(name);
                i = close + 2;
                continue;
            }
            int low = c;
            if (c == '\\' && i + 1 < cps.length) {
                low = cps[++i];
            }
            i++;
            int high = low;
            if (i + 1 < cps.length && cps[i] == '-' && cps[i + 1] != ']') {
                high = cps[i + 1];
                i += 2;
                if (high == '\\' && i < cps.length) {
                    high = cps[i++];
                }
            }
            ranges.add(low);
            ranges.add(high);
        }
        return -1;
    }

    private static int indexOf(int[] cps, int from, int a, int b) {
        for (int i = from; i + 1 < cps.length; i++) {
            if (cps[i] == a && cps[i + 1] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean inClass(String name, int c) {
        if (c > 0x7f) {
            return false;
        }
        return switch (name) {
            case "alnum" -> Character.isLetterOrDigit(c);
            case "alpha" -> Character.isLetter(c);
            case "blank" -> c == ' ' || c == '\t';
            case "cntrl" -> c < 0x20 || c == 0x7f;
            case "digit" -> c >= '0' && c <= '9';
            case "graph" -> c > 0x20 && c < 0x7f;
            case "lower" -> c >= 'a' && c <= 'z';
            case "print" -> c >= 0x20 && c < 0x7f;
            case "punct" -> c > 0x20 && c < 0x7f && !Character.isLetterOrDigit(c);
            case "space" -> c == ' ' || (c >= '\t' && c <= '\r');
            case "upper" -> c >= 'A' && c <= 'Z';
            case "xdigit" -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            default -> throw new IllegalStateException(name);
        };
    }

    /** fnmatch(pattern, text, 0) == 0. */
    boolean matches(String text) {
        int[] t = text.codePoints().toArray();
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = 0;
        while (i < t.length) {
            if (p < elements.length && elements[p].kind() == Kind.STAR) {
                starP = p++;
                starI = i;
            } else if (p < elements.length && elements[p].matches(t[i])) {
                p++;
                i++;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < elements.length && elements[p].kind() == Kind.STAR) {
            p++;
        }
        return p == elements.length;
    }

    /**
     * Whether some text that starts with {@code prefix} and goes on by at least one character could match:
     * the pattern, run over {@code prefix}, still has elements left to consume.
     */
    boolean canMatchLongerThan(String prefix) {
        BitSet states = closure(bitOf(0));
        for (int c : prefix.codePoints().toArray()) {
            BitSet next = new BitSet();
            for (int p = states.nextSetBit(0); p >= 0; p = states.nextSetBit(p + 1)) {
                if (p == elements.length) {
                    continue;
                }
                if (elements[p].kind() == Kind.STAR) {
                    next.set(p);
                } else if (elements[p].matches(c)) {
                    next.set(p + 1);
                }
            }
            states = closure(next);
            if (states.isEmpty()) {
                return false;
            }
        }
        int firstLeft = states.nextSetBit(0);
        return firstLeft >= 0 && firstLeft < elements.length;
    }

    private static BitSet bitOf(int index) {
        BitSet bits = new BitSet();
        bits.set(index);
        return bits;
    }

    private BitSet closure(BitSet states) {
        for (int p = states.nextSetBit(0); p >= 0 && p < elements.length; p = states.nextSetBit(p + 1)) {
            if (elements[p].kind() == Kind.STAR) {
                states.set(p + 1);
            }
        }
        return states;
    }

    /** How many elements of {@code kind} the pattern has; GCS ranks matches by these counts. */
    int count(Kind kind) {
        int n = 0;
        for (Element element : elements) {
            if (element.kind() == kind) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return source;
    }
}
