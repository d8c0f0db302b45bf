using System.Globalization;
using System.Reflection;

namespace Vigil.Matching.Text;

/// <summary>The tables kept as data (embedded CSV resources), loaded once.</summary>
internal static class ReferenceData
{
    private static readonly Lazy<string?[]> FoldingTable = new(LoadFolding);
    private static readonly Lazy<(HashSet<string> Prefixes, HashSet<string> Suffixes, HashSet<string> Particles)> TitleWords = new(LoadTitles);
    private static readonly Lazy<NameVariants> Variants = new(() => NameVariants.Load(ReadLines("name_variants.csv")));

    /// <summary>For each UTF-16 code unit, what it folds to (lower-case Latin), or null when not in the table.</summary>
    public static string?[] Folding => FoldingTable.Value;

    public static HashSet<string> TitlePrefixes => TitleWords.Value.Prefixes;

    public static HashSet<string> TitleSuffixes => TitleWords.Value.Suffixes;

    /// <summary>Words of a surname that are optional when comparing (al, el, bin, ibn...).</summary>
    public static HashSet<string> NameParticles => TitleWords.Value.Particles;

    public static NameVariants NameVariants => Variants.Value;

    /// <summary>Lines of an embedded table, without comments and blank lines.</summary>
    public static IEnumerable<string> ReadLines(string name)
    {
        var assembly = typeof(ReferenceData).Assembly;
        using var stream = assembly.GetManifestResourceStream("Vigil.Matching.Data." + name)
            ?? throw new InvalidOperationException($"Embedded table {name} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line;
            }
        }
    }

    private static string?[] LoadFolding()
    {
        var table = new string?[char.MaxValue + 1];
        foreach (var line in ReadLines("characters.csv"))
        {
            if (!line.StartsWith("U+", StringComparison.Ordinal))
            {
                continue; // the header
            }

            var comma = line.IndexOf(',', StringComparison.Ordinal);
            var code = int.Parse(line.AsSpan(2, comma - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            table[code] = line[(comma + 1)..];
        }

        // Arabic letters fold to their first Latin spelling, for keys and blocking (محمد gives mhmd).
        foreach (var (code, spellings) in ArabicLetters())
        {
            table[code] = spellings[0];
        }

        return table;
    }

    /// <summary>The arabic table: each letter and its Latin spellings, the usual one first.</summary>
    public static IEnumerable<(char Code, string[] Spellings)> ArabicLetters()
    {
        foreach (var line in ReadLines("arabic.csv"))
        {
            if (!line.StartsWith("U+", StringComparison.Ordinal))
            {
                continue; // the header
            }

            var parts = line.Split(',');
            var code = (char)int.Parse(parts[0].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            yield return (code, parts.Length > 2 ? parts[2].Split('|') : [string.Empty]);
        }
    }

    private static (HashSet<string>, HashSet<string>, HashSet<string>) LoadTitles()
    {
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        var suffixes = new HashSet<string>(StringComparer.Ordinal);
        var particles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in ReadLines("titles.csv"))
        {
            var parts = line.Split(',');
            if (parts.Length != 2)
            {
                continue;
            }

            (parts[0] switch { "prefix" => prefixes, "suffix" => suffixes, "particle" => particles, _ => null })?.Add(parts[1]);
        }

        return (prefixes, suffixes, particles);
    }
}

/// <summary>Name variant groups (nicknames, spellings, transliterations) from the name_variants table.</summary>
internal sealed class NameVariants
{
    private static readonly int[] None = [];
    private readonly Dictionary<string, int[]> groupsByName;

    private NameVariants(Dictionary<string, int[]> groupsByName, List<string> canonical)
    {
        this.groupsByName = groupsByName;
        Canonical = canonical;
    }

    /// <summary>The canonical (first) name of each group, by group number.</summary>
    public IReadOnlyList<string> Canonical { get; }

    public static NameVariants Load(IEnumerable<string> lines)
    {
        var sets = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        var canonical = new List<string>();
        foreach (var line in lines)
        {
            var group = canonical.Count;
            var any = false;
            foreach (var raw in line.Split(','))
            {
                var key = TextNormaliser.JoinedKey(raw);
                if (key.Length == 0)
                {
                    continue;
                }

                if (!any)
                {
                    canonical.Add(key);
                    any = true;
                }

                if (!sets.TryGetValue(key, out var set))
                {
                    sets[key] = set = [];
                }

                set.Add(group);
            }
        }

        var map = new Dictionary<string, int[]>(sets.Count, StringComparer.Ordinal);
        foreach (var (k, v) in sets)
        {
            map[k] = [.. v];
        }

        return new NameVariants(map, canonical);
    }

    /// <summary>The groups a name (in joined key form) belongs to, sorted; empty when none.</summary>
    public int[] GroupsOf(string joinedKey) => groupsByName.TryGetValue(joinedKey, out var g) ? g : None;

    /// <summary>True when two sorted group lists share a group.</summary>
    public static bool Share(int[] a, int[] b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                return true;
            }

            if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return false;
    }
}
