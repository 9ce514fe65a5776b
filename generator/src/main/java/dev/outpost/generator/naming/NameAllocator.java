package dev.outpost.generator.naming;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Hands out unique names within one scope (a package's types, a class's members, a method's
 * parameters), in the spirit of JavaPoet's {@code NameAllocator}. Every generated identifier goes
 * through an allocator, so a clash can only end in a deterministic suffix, never in code that
 * does not compile.
 *
 * <p>The rule, applied to a whole group of names that belong together (a property's constant,
 * getter and setter) so that they keep the same suffix:
 * <ol>
 *   <li>the candidates as they are, unless one is reserved or taken;</li>
 *   <li>if one of them is <em>reserved</em> (a Java keyword, an inherited member), each with a
 *       trailing {@code _} ({@code getClass} becomes {@code getClass_});</li>
 *   <li>then {@code _2}, {@code _3}, ... until every name of the group is free
 *       ({@code NAME}, {@code NAME_2}, {@code NAME_3} for {@code Name}, {@code name}, {@code NAME}).</li>
 * </ol>
 * The first name to ask keeps its name; callers ask in document order, so output is stable.
 *
 * <p>A case-insensitive scope treats {@code Person} and {@code person} as the same name: types
 * and packages become files and directories, which clash on case-insensitive file systems.
 *
 * <p>Names can be taken for an <em>owner</em> (a description such as {@code property 'NS.T/Name'}),
 * so that {@link #allocate} can say why a group did not keep its proposed names: the validator
 * reports exactly that (rule OUT118).
 */
public final class NameAllocator {

    /**
     * Why a group of names could not be used as proposed.
     *
     * @param name the proposed name that could not be used
     * @param owner who took it before (an owner given when it was taken), or null when the name is
     *     reserved, or was taken without an owner
     * @param reserved whether the name is reserved (a keyword or an inherited member) rather than taken
     */
    public record Conflict(String name, String owner, boolean reserved) {
    }

    /**
     * The names a group got.
     *
     * @param names the unique names, in the order of the candidates
     * @param conflict why they differ from the candidates; empty when they do not
     */
    public record Allocation(List<String> names, Optional<Conflict> conflict) {
        public Allocation {
            names = List.copyOf(names);
        }
    }

    /** Marks a name that cannot be overloaded. */
    private static final Set<String> EXCLUSIVE = Set.of();

    private final boolean caseSensitive;
    private final Predicate<String> reserved;
    /** Taken names by key; the value holds the signatures of an overloadable method name. */
    private final Map<String, Set<String>> taken;
    /** Who took a name, by key, when the taker said. */
    private final Map<String, String> owners;

    private NameAllocator(boolean caseSensitive, Predicate<String> reserved, Map<String, Set<String>> taken,
                          Map<String, String> owners) {
        this.caseSensitive = caseSensitive;
        this.reserved = Objects.requireNonNull(reserved, "reserved");
        this.taken = taken;
        this.owners = owners;
    }

    /** A scope for members, parameters and constants: Java is case-sensitive there. */
    public static NameAllocator caseSensitive(Predicate<String> reserved) {
        return new NameAllocator(true, reserved, new HashMap<>(), new HashMap<>());
    }

    /** A scope for names that become files or directories: unique ignoring case. */
    public static NameAllocator caseInsensitive(Predicate<String> reserved) {
        return new NameAllocator(false, reserved, new HashMap<>(), new HashMap<>());
    }

    /**
     * An independent scope that starts with everything this one has taken: a subclass's members
     * after its base class's, a method's locals after its parameters.
     */
    public NameAllocator copy() {
        Map<String, Set<String>> copy = new HashMap<>();
        taken.forEach((k, v) -> copy.put(k, v == EXCLUSIVE ? EXCLUSIVE : new HashSet<>(v)));
        return new NameAllocator(caseSensitive, reserved, copy, new HashMap<>(owners));
    }

    /** Takes a name as it is, for names fixed by the generated shape (such as {@code TYPE}). */
    public void reserve(String name) {
        taken.put(key(name), EXCLUSIVE);
    }

    /** Takes a name as it is for an owner, who is named when a later name clashes with it. */
    public void reserve(String name, String owner) {
        reserve(name);
        owners.put(key(name), Objects.requireNonNull(owner, "owner"));
    }

    /** Whether the name is taken or reserved in this scope. */
    public boolean isFree(String name) {
        return !reserved.test(name) && !taken.containsKey(key(name));
    }

    /** A unique name for one candidate. */
    public String newName(String candidate) {
        return newNames(List.of(candidate)).get(0);
    }

    /**
     * Unique names for a group of candidates, all with the same suffix.
     *
     * @throws IllegalArgumentException if the candidates are the same name in this scope: no
     *     common suffix could tell them apart
     */
    public List<String> newNames(List<String> candidates) {
        return allocate(candidates, null).names();
    }

    /**
     * Unique names for a group of candidates, all with the same suffix, taken for an owner; and
     * why they differ from the candidates, if they do.
     *
     * @param owner who takes the names (named in later conflicts), or null
     * @throws IllegalArgumentException if the candidates are the same name in this scope
     */
    public Allocation allocate(List<String> candidates, String owner) {
        if (candidates.isEmpty() || candidates.stream().map(this::key).distinct().count() < candidates.size()) {
            throw new IllegalArgumentException("a group needs distinct names, not " + candidates);
        }
        boolean escape = candidates.stream().anyMatch(reserved);
        Optional<Conflict> conflict = conflict(candidates);
        for (int n = 1; ; n++) {
            String suffix = suffix(n, escape);
            List<String> names = new ArrayList<>(candidates.size());
            boolean free = true;
            for (String c : candidates) {
                String name = c + suffix;
                if (!isFree(name)) {
                    free = false;
                    break;
                }
                names.add(name);
            }
            if (free) {
                for (String name : names) {
                    reserve(name);
                    if (owner != null) {
                        owners.put(key(name), owner);
                    }
                }
                return new Allocation(names, conflict);
            }
        }
    }

    private Optional<Conflict> conflict(List<String> candidates) {
        for (String c : candidates) {
            if (reserved.test(c)) {
                return Optional.of(new Conflict(c, null, true));
            }
        }
        for (String c : candidates) {
            if (taken.containsKey(key(c))) {
                return Optional.of(new Conflict(c, owners.get(key(c)), false));
            }
        }
        return Optional.empty();
    }

    /**
     * A method name that may be shared by overloads: free when nobody has the name, or when
     * only overloads with other {@code signature}s (erased parameter types) have it.
     */
    public String newOverload(String candidate, String signature) {
        return allocateOverload(candidate, signature, null).names().get(0);
    }

    /**
     * Like {@link #newOverload}, taken for an owner; says why the name differs from the candidate.
     *
     * @param owner who takes the name (named in later conflicts), or null
     */
    public Allocation allocateOverload(String candidate, String signature, String owner) {
        boolean escape = reserved.test(candidate);
        Optional<Conflict> conflict = Optional.empty();
        if (escape) {
            conflict = Optional.of(new Conflict(candidate, null, true));
        } else {
            Set<String> existing = taken.get(key(candidate));
            if (existing != null && (existing == EXCLUSIVE || existing.contains(signature))) {
                conflict = Optional.of(new Conflict(candidate, owners.get(key(candidate)), false));
            }
        }
        for (int n = 1; ; n++) {
            String name = candidate + suffix(n, escape);
            if (reserved.test(name)) {
                continue;
            }
            Set<String> signatures = taken.get(key(name));
            if (signatures == null) {
                Set<String> s = new HashSet<>();
                s.add(signature);
                taken.put(key(name), s);
                if (owner != null) {
                    owners.put(key(name), owner);
                }
                return new Allocation(List.of(name), conflict);
            }
            if (signatures != EXCLUSIVE && signatures.add(signature)) {
                return new Allocation(List.of(name), conflict);
            }
        }
    }

    private static String suffix(int attempt, boolean escape) {
        if (escape) {
            return attempt == 1 ? "_" : "_" + attempt;
        }
        return attempt == 1 ? "" : "_" + attempt;
    }

    private String key(String name) {
        return caseSensitive ? name : name.toLowerCase(Locale.ROOT);
    }
}
