using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;
using Vigil.Web.Subjects;
using Vigil.Web.Subjects.Deconfliction;

namespace Vigil.Web.Tests.Subjects;

/// <summary>An app whose client goes away the moment a new subject's transaction commits (as a client
/// that timed out does), and whose index follows the change sequence often.</summary>
public sealed class DisconnectingClientApp : VigilApp
{
    public AbortOnSubjectCommit Aborter { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>(DefaultSettings)
    {
        ["Vigil:Matching:FollowSeconds"] = "0.5",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<IInterceptor>(sp => Aborter.With(sp.GetRequiredService<IHttpContextAccessor>()));
            services.AddSingleton<IInterceptor, BuildRace>();
        });
    }

    /// <summary>Notes a save that adds a subject; when that save's transaction commits, aborts the request
    /// (its cancellation token fires, as when the client disconnects).</summary>
    public sealed class AbortOnSubjectCommit : ISaveChangesInterceptor, IDbTransactionInterceptor
    {
        private IHttpContextAccessor? http;
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.DbContext, object> adding = [];
        private int aborted;
        public int Aborted => Volatile.Read(ref aborted);

        public AbortOnSubjectCommit With(IHttpContextAccessor accessor)
        {
            http = accessor;
            return this;
        }

        public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } db && db.ChangeTracker.Entries<Subject>().Any(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Added))
            {
                adding.AddOrUpdate(db, new object());
            }
            return ValueTask.FromResult(result);
        }

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } db && adding.TryGetValue(db, out _) && http?.HttpContext is { } context)
            {
                adding.Remove(db);
                Interlocked.Increment(ref aborted);
                context.Abort();
            }
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// The matching index answers "is this person already known?": it must find every subject that is in the
/// database, however the write reached it. Each test here failed before the index followed the durable
/// change sequence (a cancelled publish, a change during the build, and another node's write were lost).
/// </summary>
public sealed class MatchingIndexCurrencyTests(DisconnectingClientApp app) : IClassFixture<DisconnectingClientApp>
{
    private static async Task<bool> FoundAsync(HttpClient api, string givenName, string surname, string dateOfBirth, Guid id)
    {
        var response = await api.PostAsJsonAsync("/api/v1/deconfliction/checks", new
        {
            purpose = "index currency check",
            person = new { givenName, surname, dateOfBirth },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits").EnumerateArray()
            .Any(h => h.GetProperty("subject").ValueKind == JsonValueKind.Object && h.GetProperty("subject").GetProperty("id").GetGuid() == id);
    }

    private Task<Guid> IdOfAsync(string surname) =>
        app.AsSystemAsync(db => db.Set<Subject>().Where(s => s.Surname == surname).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task Subject_WhoseClientDisconnectedRightAfterSending_IsFound()
    {
        using var northWest = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var before = app.Aborter.Aborted;

        try
        {
            await northWest.PostAsJsonAsync("/api/v1/subjects", new
            {
                givenName = "Ingrid", surname = "Vantongeren", dateOfBirth = "1988-05-17", classification = "Official", acknowledgedCandidates = true,
            });
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            // The client was cut off: that is the point.
        }

        Assert.Equal(before + 1, app.Aborter.Aborted);
        var id = await IdOfAsync("Vantongeren");
        Assert.True(await FoundAsync(northWest, "Ingrid", "Vantongeren", "1988-05-17", id),
            "a subject committed by a request whose client went away is found by a check");
    }

    [Fact]
    public async Task Subject_WrittenWhileTheIndexIsBeingBuilt_IsFound()
    {
        // A new index over the same database, as at start-up; the subject is written (through the real save,
        // which publishes to it) just after the build has read the subjects and before it is in service.
        var fresh = ActivatorUtilities.CreateInstance<SubjectIndex>(app.Services);
        Guid written = Guid.Empty;
        BuildRace.Armed.Value = new BuildRace.Once(async () => written = await app.AsSystemAsync(async db =>
        {
            var unit = await db.Set<Vigil.Web.Network.Unit>().Where(u => u.Code == "north-west").Select(u => u.Id).SingleAsync();
            var subject = new Subject { GivenName = "Rosalind", Surname = "Okonkwo-Haverford", DateOfBirth = new DateOnly(1991, 2, 3), OwningUnitId = unit, Classification = Classification.Official };
            subject.Touch(db.Clock.GetUtcNow());
            subject.CreatedAt = subject.UpdatedAt;
            db.Add(subject);
            await db.SaveChangesAsync();
            return subject.Id;
        }));

        await fresh.EnsureBuiltAsync(CancellationToken.None);
        BuildRace.Armed.Value = null;

        Assert.NotEqual(Guid.Empty, written);
        var found = await fresh.FindAsync(new PersonQuery("Rosalind", "Okonkwo-Haverford", new DateOnly(1991, 2, 3)), includeRelatives: false, CancellationToken.None);
        Assert.Contains(found, c => c.SubjectId == written);
        fresh.Dispose();
    }

    [Fact]
    public async Task Subject_WrittenByAnotherNode_IsFound_AndTheFollowerCatchesUpWithoutACheck()
    {
        await using var second = new SecondNode(app);
        await second.InitializeAsync();
        using var onSecond = await second.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        var created = await onSecond.PostAsJsonAsync("/api/v1/subjects", new
        {
            givenName = "Teodor", surname = "Blackwood-Amadi", dateOfBirth = "1975-11-30", classification = "Official", acknowledgedCandidates = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var high = await app.AsSystemAsync(db => RecordChangeHub.HighAsync(db, CancellationToken.None));

        // This node's follower reaches the other node's change by itself (it polls every half second here).
        var index = app.Services.GetRequiredService<SubjectIndex>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (index.AppliedSequence < high && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }
        Assert.True(index.AppliedSequence >= high, $"the follower applied {index.AppliedSequence} of {high}");

        using var onFirst = await app.ApiClientAsync(DemoUsers.InvestigatorNorthWest);
        Assert.True(await FoundAsync(onFirst, "Teodor", "Blackwood-Amadi", "1975-11-30", id), "a subject written on another node is found here");
    }
}

/// <summary>Runs a write once, in the flow that armed it, just after the build's read of the subjects.</summary>
public sealed class BuildRace : DbCommandInterceptor
{
    public sealed class Once(Func<Task> write)
    {
        private Func<Task>? pending = write;
        public Func<Task>? Take() => Interlocked.Exchange(ref pending, null);
    }

    public static readonly AsyncLocal<Once?> Armed = new();

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (Armed.Value is { } once && command.CommandText.Contains("FROM \"Subject\"", StringComparison.Ordinal) && once.Take() is { } write)
        {
            await write();
        }
        return result;
    }
}
