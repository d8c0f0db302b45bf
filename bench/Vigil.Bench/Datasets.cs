using CsvHelper;
using Vigil.Matching;
using Vigil.Matching.Io;

namespace Vigil.Bench;

/// <summary>A labelled linkage task from the shared data folder, and its truth rule.</summary>
internal sealed record Dataset(string Name, string Task, Func<string, LoadedTask> Load);

/// <summary>
/// Records to link or dedupe, and the entity each record is (by the README's truth rule), keyed by
/// source and id. Pairs are true when both records have the same entity.
/// </summary>
internal sealed record LoadedTask(IReadOnlyList<PersonRecord> Left, IReadOnlyList<PersonRecord>? Right, Dictionary<(string?, string), string> Entity, long TruePairs, bool AcrossSources);

internal static class Datasets
{
    public static readonly Dataset[] All =
    [
        new("febrl1", "dedupe", dir => Febrl(dir, "dataset1.csv")),
        new("febrl2", "dedupe", dir => Febrl(dir, "dataset2.csv")),
        new("febrl3", "dedupe", dir => Febrl(dir, "dataset3.csv")),
        new("febrl4", "link", Febrl4),
        new("fake_1000", "dedupe", dir => Clustered(dir, "splink/fake_1000.csv")),
        new("historical_50k", "dedupe", dir => Clustered(dir, "splink/historical_figures_with_errors_50k.csv")),
        new("ncvr_ocp20", "multi-source", dir => Ncvr(dir, "20")),
        new("ncvr_ocp40", "multi-source", dir => Ncvr(dir, "40")),
    ];

    /// <summary>The shared data folder: VIGIL_LINKAGE_DATA, else shared/data/linkage beside any parent folder.</summary>
    /// <summary>The repository this bench was built from (the folder holding Vigil.slnx).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Vigil.slnx not found above " + AppContext.BaseDirectory);
    }

    public static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("VIGIL_LINKAGE_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "linkage");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The labelled data (shared/data/linkage) was not found; set VIGIL_LINKAGE_DATA.");
    }

    /// <summary>FEBRL ids are rec-N-org or rec-N-dup-K: N is the person.</summary>
    public static string FebrlEntity(string id)
    {
        var parts = id.Split('-');
        return parts.Length >= 3 ? parts[1] : id;
    }

    private static LoadedTask Febrl(string dir, string file)
    {
        var records = new PersonCsvReader().ReadFile(Path.Combine(dir, "febrl", file)).Records;
        var entity = new Dictionary<(string?, string), string>();
        foreach (var r in records)
        {
            entity[(r.Source, r.Id)] = FebrlEntity(r.Id);
        }

        return new LoadedTask(records, null, entity, DedupePairs(entity.Values), false);
    }

    private static LoadedTask Febrl4(string dir)
    {
        var reader = new PersonCsvReader();
        var a = reader.ReadFile(Path.Combine(dir, "febrl", "dataset4a.csv")).Records;
        var b = reader.ReadFile(Path.Combine(dir, "febrl", "dataset4b.csv")).Records;
        var entity = new Dictionary<(string?, string), string>();
        var left = new Dictionary<string, int>();
        foreach (var r in a)
        {
            entity[(r.Source, r.Id)] = FebrlEntity(r.Id);
            left[FebrlEntity(r.Id)] = left.GetValueOrDefault(FebrlEntity(r.Id)) + 1;
        }

        long truth = 0;
        foreach (var r in b)
        {
            entity[(r.Source, r.Id)] = FebrlEntity(r.Id);
            truth += left.GetValueOrDefault(FebrlEntity(r.Id));
        }

        return new LoadedTask(a, b, entity, truth, false);
    }

    private static LoadedTask Clustered(string dir, string file)
    {
        var path = Path.Combine(dir, file);
        var records = new PersonCsvReader().ReadFile(path).Records;
        var clusters = ReadColumn(path, "unique_id", "cluster");
        var entity = new Dictionary<(string?, string), string>();
        foreach (var r in records)
        {
            entity[(r.Source, r.Id)] = clusters[r.Id];
        }

        return new LoadedTask(records, null, entity, DedupePairs(entity.Values), false);
    }

    private static LoadedTask Ncvr(string dir, string level)
    {
        var files = Directory.GetFiles(Path.Combine(dir, "ncvr"), $"*ocp_{level}_*.csv");
        Array.Sort(files, StringComparer.Ordinal);
        var reader = new PersonCsvReader();
        var records = new List<PersonRecord>();
        var entity = new Dictionary<(string?, string), string>();
        var bySource = new List<Dictionary<string, int>>();
        foreach (var file in files)
        {
            var source = Path.GetFileNameWithoutExtension(file);
            var counts = new Dictionary<string, int>();
            foreach (var r in reader.ReadFile(file, source).Records)
            {
                records.Add(r);
                entity[(r.Source, r.Id)] = r.Id;
                counts[r.Id] = counts.GetValueOrDefault(r.Id) + 1;
            }

            bySource.Add(counts);
        }

        // True pairs: the same recid in two different files.
        long truth = 0;
        for (var i = 0; i < bySource.Count; i++)
        {
            for (var j = i + 1; j < bySource.Count; j++)
            {
                foreach (var (id, n) in bySource[i])
                {
                    truth += n * bySource[j].GetValueOrDefault(id);
                }
            }
        }

        return new LoadedTask(records, null, entity, truth, true);
    }

    private static long DedupePairs(IEnumerable<string> entities)
    {
        var counts = new Dictionary<string, long>();
        foreach (var e in entities)
        {
            counts[e] = counts.GetValueOrDefault(e) + 1;
        }

        long pairs = 0;
        foreach (var n in counts.Values)
        {
            pairs += n * (n - 1) / 2;
        }

        return pairs;
    }

    private static Dictionary<string, string> ReadColumn(string path, string key, string value)
    {
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', TrimWhitespace = true });
        var headers = csv.Headers.ToList();
        var k = headers.IndexOf(key);
        var v = headers.IndexOf(value);
        var map = new Dictionary<string, string>();
        while (csv.Read())
        {
            map[csv.GetString(k)] = csv.GetString(v);
        }

        return map;
    }
}
