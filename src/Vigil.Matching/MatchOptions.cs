namespace Vigil.Matching;

/// <summary>How linkage runs: parallelism, block limits, training effort, reproducibility.</summary>
public sealed record MatchOptions
{
    /// <summary>Threads to use; defaults to the machine's processor count.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Blocks (groups of records sharing a blocking key) with more records than this are skipped for that
    /// key (other keys still pair their records): they are the very common keys that would cost much and
    /// find little.
    /// </summary>
    public int MaxBlockSize { get; init; } = 1000;

    /// <summary>Random pairs compared to estimate u.</summary>
    public int USampleSize { get; init; } = 300_000;

    /// <summary>Upper limit on expectation-maximisation iterations (it usually converges in fewer than 50).</summary>
    public int MaxEmIterations { get; init; } = 200;

    /// <summary>Seed of the random pair sampling, so that training and results are reproducible.</summary>
    public int Seed { get; init; } = 20240601;

    /// <summary>
    /// When false, a dedupe compares only records of different <see cref="PersonRecord.Source"/>s (multi-source
    /// linkage of files that are each free of duplicates).
    /// </summary>
    public bool CompareWithinSource { get; init; } = true;
}
