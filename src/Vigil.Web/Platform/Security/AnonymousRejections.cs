using System.Collections.Concurrent;
using System.Globalization;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;

namespace Vigil.Web.Platform.Security;

/// <summary>
/// Rejections of callers who have not proved who they are: unknown, revoked or expired API tokens and
/// failed sign-ins. A flood of them must neither bloat the audit chain nor hold its write lock, so they
/// are counted here per source address and minute and written as one audit entry per source, kind and
/// minute, with the count and (for sign-ins) the e-mails tried. A source refused more than
/// <c>Vigil:Rejections:PerMinute</c> times (default 30) in the current minute is answered 429 without
/// further work until the minute is over.
/// </summary>
public sealed class AnonymousRejections(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<AnonymousRejections> log) : IDisposable
{
    public const string TokenKind = "token";
    public const string SignInKind = "sign-in";
    private const int DetailsKept = 10;

    private readonly ConcurrentDictionary<(string Source, string Kind, long Minute), Tally> tallies = new();
    private readonly ConcurrentDictionary<(string Source, long Minute), int> perSource = new();
    private readonly SemaphoreSlim flushing = new(1, 1);

    public void Dispose() => flushing.Dispose();

    public int PerMinute { get; } = config.GetValue("Vigil:Rejections:PerMinute", 30);

    private long Minute => clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute;

    /// <summary>The caller's address as the connection (or a named proxy's forwarded header) gives it.</summary>
    /// <summary>The caller, as the limits count it: an IPv4 address, or an IPv6 address's /64 (one site
    /// or one customer line holds a whole /64, so a caller cannot step past the limits by the address).</summary>
    public static string SourceOf(HttpContext http) => SourceOf(http.Connection.RemoteIpAddress);

    public static string SourceOf(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }

    public void Record(HttpContext http, string kind, string detail)
    {
        var minute = Minute;
        var source = SourceOf(http);
        var tally = tallies.GetOrAdd((source, kind, minute), _ => new Tally());
        tally.Add(detail);
        perSource.AddOrUpdate((source, minute), 1, (_, n) => n + 1);
    }

    /// <summary>True when this source has been refused too often this minute: answer 429, do nothing else.</summary>
    public bool IsFlooding(HttpContext http) => perSource.TryGetValue((SourceOf(http), Minute), out var n) && n >= PerMinute;

    /// <summary>Seconds until the current minute is over (the Retry-After of a 429).</summary>
    public int SecondsLeftInMinute()
    {
        var now = clock.GetUtcNow();
        return Math.Max(1, 60 - now.Second);
    }

    /// <summary>Writes one audit entry per source, kind and minute that has ended (or every minute, when
    /// <paramref name="all"/>: at shutdown, and in tests), in one save.</summary>
    public async Task FlushAsync(bool all, CancellationToken ct)
    {
        await flushing.WaitAsync(ct);
        try
        {
            var now = Minute;
            var due = tallies.Keys.Where(k => all || k.Minute < now).ToList();
            if (due.Count == 0)
            {
                return;
            }
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem("system:rejections");
            var db = scope.ServiceProvider.GetRequiredService<VigilDb>();
            var taken = new List<((string Source, string Kind, long Minute) Key, Tally Tally)>();
            foreach (var key in due.OrderBy(k => k.Minute).ThenBy(k => k.Source, StringComparer.Ordinal).ThenBy(k => k.Kind, StringComparer.Ordinal))
            {
                if (tallies.TryRemove(key, out var tally))
                {
                    taken.Add((key, tally));
                    var from = new DateTimeOffset(key.Minute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
                    var entry = db.Audit(key.Kind == TokenKind ? AuditActions.TokenRejected : AuditActions.SignIn, key.Kind == TokenKind ? AuditOutcomes.Denied : AuditOutcomes.Failure,
                        "source", key.Source, detail: tally.Describe(key.Kind, key.Source, from));
                    entry.UserId = null;
                    entry.UserName = null;
                    entry.UnitId = null;
                }
            }
            foreach (var key in perSource.Keys.Where(k => all || k.Minute < now))
            {
                perSource.TryRemove(key, out _);
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The counts are put back so that the next flush writes them: a refusal is never lost quietly.
                foreach (var (key, tally) in taken)
                {
                    tallies.AddOrUpdate(key, tally, (_, existing) => existing.Merge(tally));
                }
                log.LogError(e, "Could not write {Count} rejection entries to the audit log; they will be retried", taken.Count);
                throw;
            }
        }
        finally
        {
            flushing.Release();
        }
    }

    private sealed class Tally
    {
        private readonly Lock gate = new();
        private readonly Dictionary<string, int> details = new(StringComparer.Ordinal);
        private int count;
        private int others;

        public void Add(string detail)
        {
            lock (gate)
            {
                count++;
                if (details.ContainsKey(detail) || details.Count < DetailsKept)
                {
                    details[detail] = details.GetValueOrDefault(detail) + 1;
                }
                else
                {
                    others++;
                }
            }
        }

        public Tally Merge(Tally other)
        {
            lock (gate)
            {
                lock (other.gate)
                {
                    count += other.count;
                    others += other.others;
                    foreach (var (k, v) in other.details)
                    {
                        details[k] = details.GetValueOrDefault(k) + v;
                    }
                }
            }
            return this;
        }

        public string Describe(string kind, string source, DateTimeOffset from)
        {
            lock (gate)
            {
                var what = kind == TokenKind ? "API requests with a rejected token" : "failed sign-ins";
                var tried = string.Join(", ", details.OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal)
                    .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Key} x{d.Value}")));
                return string.Create(CultureInfo.InvariantCulture,
                    $"{count} {what} from {source} in the minute from {from:yyyy-MM-dd HH:mm} UTC: {tried}{(others > 0 ? $", and {others} more" : "")}");
            }
        }
    }
}

/// <summary>Writes the rejection counts of each minute once it has ended, and everything at shutdown.</summary>
internal sealed class AnonymousRejectionsFlush(AnonymousRejections rejections, ILogger<AnonymousRejectionsFlush> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(all: false, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the final flush below writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(all: true, cancellationToken);
    }

    private async Task FlushAsync(bool all, CancellationToken ct)
    {
        try
        {
            await rejections.FlushAsync(all, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Rejection counts not yet written: {Reason}", e.Message);
        }
    }
}
