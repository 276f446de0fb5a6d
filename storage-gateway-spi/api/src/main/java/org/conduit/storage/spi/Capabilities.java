package org.conduit.storage.spi;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a session can do beyond the mandatory core: the optional mixins it implements (found by type check,
 * like rclone's {@code Features.Fill}) and behavioural traits it declares.
 */
public record Capabilities(Set<Class<?>> mixins, Set<Trait> traits) {

    /** Every optional mixin the SPI defines. */
    public static final List<Class<?>> KNOWN_MIXINS =
        List.of(PositionalWrites.class, MtimeSetter.class, PermissionSetter.class, ServerSideChecksum.class);

    public enum Trait {
        /** Writes must arrive in order (HDFS, S3 without multipart): movers reorder parallel blocks. */
        ORDERED_WRITES_ONLY,
        /** rename replaces the target atomically. */
        ATOMIC_RENAME,
        /** Empty directories exist on their own (not merely implied by their contents). */
        EMPTY_DIRECTORIES,
        /** Files with holes cost no space (TCK writes its >4 GiB file sparse). */
        SPARSE_FILES,
        /** The kernel enforces each mapped account's own permissions and ownership. */
        PER_ACCOUNT_PERMISSIONS
    }

    public Capabilities {
        mixins = Set.copyOf(mixins);
        traits = traits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(traits));
    }

    public static Capabilities detect(StorageSession session, Trait... traits) {
        Set<Class<?>> found = new LinkedHashSet<>();
        for (Class<?> mixin : KNOWN_MIXINS) {
            if (mixin.isInstance(session)) {
                found.add(mixin);
            }
        }
        return new Capabilities(found, traits.length == 0 ? Set.of() : EnumSet.of(traits[0], traits));
    }

    public boolean has(Class<?> mixin) {
        return mixins.contains(mixin);
    }

    public boolean has(Trait trait) {
        return traits.contains(trait);
    }

    /** The session seen as {@code mixin}, when it has that capability. */
    public static <T> Optional<T> as(StorageSession session, Class<T> mixin) {
        return mixin.isInstance(session) ? Optional.of(mixin.cast(session)) : Optional.empty();
    }
}
