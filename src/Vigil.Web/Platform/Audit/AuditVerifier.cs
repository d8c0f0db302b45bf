using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Audit;

public sealed record VerificationResult(bool Ok, long EntriesChecked, long? FirstBadSequence, string Message);

/// <summary>A signed statement of the chain head at a moment: verifying against it later detects a
/// truncated tail (entries removed from the end), which the chain alone cannot.</summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTimeOffset CreatedAt, string PublicKey, string Signature)
{
    public string SignedText => $"vigil-audit-checkpoint|{Sequence}|{Hash}|{CreatedAt.UtcTicks}";
}

/// <summary>Recomputes the audit chain, and signs and checks checkpoints with an ECDSA P-256 key kept in
/// the data folder (never in the repository).</summary>
public sealed class AuditVerifier(VigilDb db, VigilOptions options)
{
    /// <summary>Entries read at a time (one batch is hashed while the next is read). Tests make it small so
    /// that every check crosses batch boundaries.</summary>
    internal int BatchSize { get; set; } = 20_000;

    public Task<VerificationResult> VerifyAsync(CancellationToken ct) => VerifyFromAsync(1, AuditChain.Genesis, "", ct);

    /// <summary>Checks the chain from entry <paramref name="expected"/>, whose predecessor's hash is
    /// <paramref name="previous"/>. The next batch is read while this one's hashes are recomputed on every
    /// core; the order and links are then checked in sequence, so the first bad entry is the one named.</summary>
    private async Task<VerificationResult> VerifyFromAsync(long expected, string previous, string scope, CancellationToken ct)
    {
        long checkedCount = 0;
        var reading = ReadBatchAsync(expected, ct);
        while (true)
        {
            var (batch, unreadable) = await reading;
            if (batch.Count == 0 && unreadable is null)
            {
                break;
            }
            // Read ahead (only when this batch was whole: a short one is the end, or stops at an unreadable row).
            reading = unreadable is null && batch.Count == BatchSize ? ReadBatchAsync(batch[^1].Sequence + 1, ct) : Task.FromResult((new List<AuditEntry>(), (long?)null));
            var intact = new bool[batch.Count];
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct }, i => intact[i] = AuditChain.ComputeHash(batch[i]) == batch[i].Hash);
            for (var i = 0; i < batch.Count; i++)
            {
                var entry = batch[i];
                if (entry.Sequence != expected)
                {
                    await Drain(reading);
                    return Bad(checkedCount, expected, $"entry {expected} is missing (next present is {entry.Sequence}): deleted");
                }
                if (entry.PreviousHash != previous)
                {
                    await Drain(reading);
                    return Bad(checkedCount, entry.Sequence, $"entry {entry.Sequence} does not follow entry {entry.Sequence - 1}: deleted, inserted or reordered");
                }
                if (!intact[i])
                {
                    await Drain(reading);
                    return Bad(checkedCount, entry.Sequence, $"entry {entry.Sequence} has been altered: its content does not match its hash");
                }
                previous = entry.Hash;
                expected++;
                checkedCount++;
            }
            if (unreadable is { } bad)
            {
                return bad == expected
                    ? Bad(checkedCount, bad, $"entry {bad} is unreadable or altered: a stored value no longer has its type")
                    : Bad(checkedCount, expected, $"entry {expected} is missing (next present is {bad}, which is unreadable or altered): deleted");
            }
        }
        return new VerificationResult(true, checkedCount, null, $"audit chain intact{scope}: {checkedCount} entries, head {previous[..16]}");
    }

    // A read ahead still running when a bad entry is found finishes before the unit of work is reused.
    private static async Task Drain(Task reading)
    {
        try
        {
            await reading;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The verdict is already known; a failure of the read ahead adds nothing to it.
        }
    }

    /// <summary>Checks only what was appended after a signed checkpoint: the checkpoint's signature, that its
    /// entry is still there with the hash it vouched for, and the chain from there on. A daily check of a
    /// year's log costs the day's entries.</summary>
    public async Task<VerificationResult> VerifyFromCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken ct)
    {
        if (!SignatureValid(checkpoint))
        {
            return new VerificationResult(false, 0, null, "the checkpoint's signature is not valid for this installation's key");
        }
        var entry = await db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Sequence == checkpoint.Sequence, ct);
        if (entry is null)
        {
            return Bad(0, checkpoint.Sequence, $"entry {checkpoint.Sequence} named by the checkpoint is missing: the log has been truncated");
        }
        if (entry.Hash != checkpoint.Hash || AuditChain.ComputeHash(entry) != entry.Hash)
        {
            return Bad(0, checkpoint.Sequence, Differs(entry, checkpoint));
        }
        return await VerifyFromAsync(checkpoint.Sequence + 1, checkpoint.Hash, $" after the checkpoint at entry {checkpoint.Sequence}", ct);
    }

    /// <summary>The entries from <paramref name="from"/> in order, up to a batch. A row that no longer reads
    /// as an entry (a value altered so that it does not parse: a user id that is not a GUID, say) ends the
    /// batch, and its sequence is returned so that verification reports it as tampering instead of dying.</summary>
    private async Task<(List<AuditEntry> Entries, long? Unreadable)> ReadBatchAsync(long from, CancellationToken ct)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= from).OrderBy(e => e.Sequence);
        try
        {
            return (await entries.Take(BatchSize).ToListAsync(ct), null);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or InvalidOperationException or OverflowException)
        {
            // Read the batch one row at a time to find the first that does not read (the sequence is the
            // table's integer key, so it always does).
            var sequences = await entries.Select(e => e.Sequence).Take(BatchSize).ToListAsync(ct);
            var readable = new List<AuditEntry>();
            foreach (var sequence in sequences)
            {
                try
                {
                    readable.Add(await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == sequence, ct));
                }
                catch (Exception row) when (row is FormatException or InvalidCastException or InvalidOperationException or OverflowException)
                {
                    return (readable, sequence);
                }
            }
            return (readable, null);
        }
    }

    public async Task<VerificationResult> VerifyAgainstAsync(AuditCheckpoint checkpoint, CancellationToken ct)
    {
        if (!SignatureValid(checkpoint))
        {
            return new VerificationResult(false, 0, null, "the checkpoint's signature is not valid for this installation's key");
        }
        var chain = await VerifyAsync(ct);
        if (!chain.Ok)
        {
            return chain;
        }
        var entry = await db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Sequence == checkpoint.Sequence, ct);
        if (entry is null)
        {
            return Bad(chain.EntriesChecked, checkpoint.Sequence, $"entry {checkpoint.Sequence} named by the checkpoint is missing: the log has been truncated to {chain.EntriesChecked} entries");
        }
        if (entry.Hash != checkpoint.Hash)
        {
            return Bad(chain.EntriesChecked, checkpoint.Sequence, Differs(entry, checkpoint));
        }
        return chain with { Message = chain.Message + $"; consistent with checkpoint at entry {checkpoint.Sequence}" };
    }

    /// <summary>Why the entry the checkpoint names is not the one it signed: written after the checkpoint was made (the
    /// log was cut back past it and has grown again since, as it does while the app runs), or changed.</summary>
    private static string Differs(AuditEntry entry, AuditCheckpoint checkpoint) => entry.At > checkpoint.CreatedAt
        ? $"entry {checkpoint.Sequence} was written after the checkpoint was made: the log has been truncated before it and has grown again since"
        : $"entry {checkpoint.Sequence} differs from the checkpoint: the log has been rewritten";

    public async Task<AuditCheckpoint> CreateCheckpointAsync(CancellationToken ct)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("The audit log is empty: nothing to checkpoint.");
        using var key = LoadOrCreateKey();
        var unsigned = new AuditCheckpoint(head.Sequence, head.Hash, db.Clock.GetUtcNow(), Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()), "");
        var signature = Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(unsigned.SignedText), HashAlgorithmName.SHA256));
        return unsigned with { Signature = signature };
    }

    public static string Serialise(AuditCheckpoint checkpoint) => JsonSerializer.Serialize(checkpoint, JsonOptions);

    public static AuditCheckpoint Deserialise(string json) =>
        JsonSerializer.Deserialize<AuditCheckpoint>(json, JsonOptions) ?? throw new JsonException("The checkpoint file is empty.");

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private bool SignatureValid(AuditCheckpoint checkpoint)
    {
        using var key = LoadOrCreateKey();
        try
        {
            return key.VerifyData(Encoding.UTF8.GetBytes(checkpoint.SignedText), Convert.FromBase64String(checkpoint.Signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private ECDsa LoadOrCreateKey()
    {
        var path = Path.Combine(options.DataFolder, "audit-signing-key.pem");
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }
        Directory.CreateDirectory(options.DataFolder);
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return key;
    }

    private static VerificationResult Bad(long checkedCount, long sequence, string message) => new(false, checkedCount, sequence, message);
}
