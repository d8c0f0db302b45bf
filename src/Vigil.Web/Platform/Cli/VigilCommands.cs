using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Cli;

/// <summary>The verbs of the one executable: serve (the default), migrate, seed-demo, audit verify and
/// checkpoint, tokens create, users create-admin. Run from source as `dotnet run --project src/Vigil.Web -- VERB`.</summary>
public static class VigilCommands
{
    private static readonly string[] Verbs = ["serve", "migrate", "seed-demo", "seed-scale", "audit", "tokens", "users", "match", "--help", "-h", "-?"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, Func<string[], WebApplication> buildApp)
    {
        var root = new RootCommand("Vigil: counter-terrorism policing case, referral and coordination platform.");

        var serve = new Command("serve", "Run the web application (the default when no verb is given).");
        serve.SetAction(async (_, ct) =>
        {
            var app = buildApp(args.Skip(1).ToArray());
            await app.PrepareAsync();
            await app.RunAsync(ct);
            return 0;
        });
        root.Subcommands.Add(serve);

        var migrate = new Command("migrate", "Apply database migrations and seed reference data.");
        migrate.SetAction(async (_, ct) => await WithScopeAsync(buildApp, "system:migrate", async sp =>
        {
            await sp.GetRequiredService<DatabaseSetup>().RunAsync(demo: false, ct);
            Console.WriteLine("Database migrated and reference data seeded.");
            return 0;
        }));
        root.Subcommands.Add(migrate);

        var seedDemo = new Command("seed-demo", "Seed the demo accounts and synthetic demo data (demo mode only).");
        seedDemo.SetAction(async (_, ct) => await WithScopeAsync(buildApp, "system:seed-demo", async sp =>
        {
            if (!sp.GetRequiredService<VigilOptions>().DemoMode)
            {
                Console.Error.WriteLine("Refused: demo data is seeded only in demo mode (add --demo, never in production).");
                return 2;
            }
            await sp.GetRequiredService<DatabaseSetup>().RunAsync(demo: true, ct);
            Console.WriteLine("Demo accounts and data seeded.");
            return 0;
        }));
        root.Subcommands.Add(seedDemo);

        var people = new Option<int>("--people") { Description = "How many fictional people to add (default 1,000,000).", DefaultValueFactory = _ => 1_000_000 };
        var entries = new Option<long>("--audit") { Description = "How many audit entries to add to the chain (default none).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "The random seed: the same seed gives the same data (default 2026).", DefaultValueFactory = _ => 2026 };
        var reports = new Option<int?>("--reports") { Description = "How many fictional intelligence reports to add (default: as many as --people)." };
        var seedScale = new Command("seed-scale", "Add national-scale fictional data in bulk: people, investigations, ten years of Prevent referrals, intelligence reports, audit entries (demo mode only; stop the app first).")
        {
            people, entries, seed, reports,
        };
        seedScale.SetAction(async (parse, ct) => await WithScopeAsync(buildApp, "system:seed-scale", async sp =>
        {
            if (!sp.GetRequiredService<VigilOptions>().DemoMode)
            {
                Console.Error.WriteLine("Refused: national-scale data is fictional demo data, added only in demo mode (add --demo, never in production).");
                return 2;
            }
            var plan = new Data.Scale.ScalePlan(parse.GetValue(people), parse.GetValue(entries), parse.GetValue(seed), parse.GetValue(reports));
            if (plan.People < 0 || plan.AuditEntries < 0 || plan.IntelligenceReports < 0)
            {
                Console.Error.WriteLine("--people, --reports and --audit must be 0 or more.");
                return 2;
            }
            // The demo first, if this database has none yet: the generator adds to it.
            await sp.GetRequiredService<DatabaseSetup>().RunAsync(demo: true, ct);
            if (!await sp.GetRequiredService<Data.Scale.ScaleSeeding>().RunAsync(plan, Console.Out, ct))
            {
                Console.Error.WriteLine($"Refused: seed {plan.Seed} has added its data to this database already; choose another --seed to add more.");
                return 2;
            }
            Console.WriteLine($"Added {plan.People:N0} people and their records (seed {plan.Seed}).");
            return 0;
        }));
        root.Subcommands.Add(seedScale);

        root.Subcommands.Add(AuditCommand(buildApp));
        root.Subcommands.Add(TokensCommand(buildApp));
        root.Subcommands.Add(UsersCommand(buildApp));
        root.Subcommands.Add(MatchCommands.Build());

        // Options such as --demo or --urls are for the host; System.CommandLine must not reject them.
        var parse = root.Parse(args.Where(a => a != "--demo").ToArray());
        return await parse.InvokeAsync();
    }

    private static Command AuditCommand(Func<string[], WebApplication> buildApp)
    {
        var audit = new Command("audit", "Check and checkpoint the hash-chained audit log.");

        var against = new Option<FileInfo?>("--checkpoint") { Description = "Also verify against this signed checkpoint (detects a truncated tail)." };
        var since = new Option<FileInfo?>("--from-checkpoint")
        {
            Description = "Check only the entries after this signed checkpoint (the checkpoint's own entry is checked against it): a daily check costs the day's entries.",
        };
        var verify = new Command("verify", "Recompute the audit chain; exit 1 naming the first bad entry.") { against, since };
        verify.Validators.Add(result =>
        {
            if (result.GetValue(against) is not null && result.GetValue(since) is not null)
            {
                result.AddError("Give --checkpoint (the whole chain, and the checkpoint) or --from-checkpoint (only what follows it), not both.");
            }
        });
        // Verification checks what is there: it neither migrates nor seeds, creates no database, and opens the
        // database read-only (so it can check a standby, and cannot change what it checks). Exit codes: 0
        // intact, 1 tampered, 2 could not check (with the reason).
        verify.SetAction(async (parse, ct) => await WithScopeAsync(buildApp, "system:audit-verify", setUp: false, work: async sp =>
        {
            var db = sp.GetRequiredService<VigilDb>();
            Console.Error.WriteLine("Checking the audit log with the database opened read-only.");
            if (db.Database.IsSqlite() && db.Database.GetDbConnection().DataSource is { Length: > 0 } path && !File.Exists(path))
            {
                Console.Error.WriteLine($"Could not check the audit log: there is no database at {path}.");
                return 2;
            }
            try
            {
                return await VerifyAsync(parse, sp, ct);
            }
            catch (System.Data.Common.DbException e)
            {
                Console.Error.WriteLine($"Could not check the audit log: {e.Message}");
                return 2;
            }
        }));
        audit.Subcommands.Add(verify);
        async Task<int> VerifyAsync(ParseResult parse, IServiceProvider sp, CancellationToken ct)
        {
            var verifier = sp.GetRequiredService<AuditVerifier>();
            VerificationResult result;
            if ((parse.GetValue(against) ?? parse.GetValue(since)) is { } file)
            {
                if (!file.Exists)
                {
                    Console.Error.WriteLine($"No checkpoint file at {file.FullName}.");
                    return 2;
                }
                AuditCheckpoint checkpoint;
                try
                {
                    checkpoint = AuditVerifier.Deserialise(await File.ReadAllTextAsync(file.FullName, ct));
                }
                catch (System.Text.Json.JsonException e)
                {
                    Console.Error.WriteLine($"The checkpoint file is not valid: {e.Message}");
                    return 2;
                }
                result = parse.GetValue(since) is null ? await verifier.VerifyAgainstAsync(checkpoint, ct) : await verifier.VerifyFromCheckpointAsync(checkpoint, ct);
            }
            else
            {
                result = await verifier.VerifyAsync(ct);
            }
            (result.Ok ? Console.Out : Console.Error).WriteLine(result.Ok ? result.Message : $"AUDIT CHAIN BROKEN: {result.Message}");
            return result.Ok ? 0 : 1;
        }

        var output = new Option<FileInfo>("--out") { Description = "Where to write the checkpoint (JSON).", Required = true };
        var checkpointCommand = new Command("checkpoint", "Export a signed checkpoint of the chain head.") { output };
        checkpointCommand.SetAction(async (parse, ct) => await WithScopeAsync(buildApp, "system:audit-checkpoint", async sp =>
        {
            var verifier = sp.GetRequiredService<AuditVerifier>();
            var chain = await verifier.VerifyAsync(ct);
            if (!chain.Ok)
            {
                Console.Error.WriteLine($"Refused: the chain is broken, so a checkpoint would vouch for it. {chain.Message}");
                return 1;
            }
            var checkpoint = await verifier.CreateCheckpointAsync(ct);
            var file = parse.GetValue(output)!;
            await File.WriteAllTextAsync(file.FullName, AuditVerifier.Serialise(checkpoint), ct);
            var db = sp.GetRequiredService<VigilDb>();
            db.Audit(AuditActions.Checkpoint, AuditOutcomes.Success, "audit-checkpoint", checkpoint.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(ct);
            Console.WriteLine($"Checkpoint of entry {checkpoint.Sequence} written to {file.FullName}.");
            return 0;
        }));
        audit.Subcommands.Add(checkpointCommand);
        return audit;
    }

    private static Command TokensCommand(Func<string[], WebApplication> buildApp)
    {
        var tokens = new Command("tokens", "Personal access tokens for the API.");
        var user = new Option<string>("--user") { Description = "The e-mail of the user the token acts as.", Required = true };
        var name = new Option<string>("--name") { Description = "A name for the token, e.g. the integration using it.", Required = true };
        var days = new Option<int>("--days") { Description = "Days until it expires (1 to 365).", DefaultValueFactory = _ => 90 };
        var create = new Command("create", "Mint a token for a user and print it once (audited).") { user, name, days };
        create.SetAction(async (parse, ct) => await WithScopeAsync(buildApp, "system:tokens-create", async sp =>
        {
            var db = sp.GetRequiredService<VigilDb>();
            var email = parse.GetValue(user)!.Trim();
            var normalised = email.ToUpperInvariant();
            var target = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalised, ct);
            if (target is null || target.IsDisabled)
            {
                Console.Error.WriteLine($"No active user with e-mail {email}.");
                return 2;
            }
            if (PersonalAccessTokens.ValidateName(parse.GetValue(name)) is { } problem)
            {
                Console.Error.WriteLine(problem);
                return 2;
            }
            var lifetime = parse.GetValue(days);
            if (lifetime is < 1 or > 365)
            {
                Console.Error.WriteLine("--days must be between 1 and 365.");
                return 2;
            }
            var (_, secret) = await PersonalAccessTokens.CreateAsync(db, target.Id, parse.GetValue(name)!, TimeSpan.FromDays(lifetime), ct);
            Console.WriteLine(secret);
            return 0;
        }));
        tokens.Subcommands.Add(create);
        return tokens;
    }

    private static Command UsersCommand(Func<string[], WebApplication> buildApp)
    {
        var users = new Command("users", "Manage accounts from the command line.");
        var email = new Option<string>("--email") { Description = "The administrator's e-mail.", Required = true };
        var displayName = new Option<string>("--name") { Description = "The administrator's name.", DefaultValueFactory = _ => "Administrator" };
        var unit = new Option<string>("--unit") { Description = "Unit code (see the Network pages).", DefaultValueFactory = _ => "nctphq" };
        // The bootstrap is the one grant of clearance that no second administrator approves: it needs the
        // server and the database, and is audited. Two administrators bootstrapped at SECRET can then approve
        // each other's requests for everyone else (the two-person rule of ClearanceGrants).
        var clearance = new Option<Classification>("--clearance")
        {
            Description = "The administrator's clearance (Official, Secret or TopSecret).",
            DefaultValueFactory = _ => Classification.Official,
        };
        var createAdmin = new Command("create-admin",
            "Bootstrap an administrator. Reads the password from the VIGIL_ADMIN_PASSWORD environment variable or standard input. Two-factor enrolment is required at first sign-in.")
            { email, displayName, unit, clearance };
        createAdmin.SetAction(async (parse, ct) => await WithScopeAsync(buildApp, "system:users-create-admin", async sp =>
        {
            var db = sp.GetRequiredService<VigilDb>();
            var manager = sp.GetRequiredService<UserManager<VigilUser>>();
            var unitCode = parse.GetValue(unit)!;
            var home = await sp.GetRequiredService<IOrganisationDirectory>().UnitAsync(unitCode, ct);
            if (home is null)
            {
                Console.Error.WriteLine($"No unit with code {unitCode}.");
                return 2;
            }
            var password = Environment.GetEnvironmentVariable("VIGIL_ADMIN_PASSWORD") ?? Console.In.ReadLine() ?? "";
            var admin = new VigilUser
            {
                UserName = parse.GetValue(email)!.Trim(),
                Email = parse.GetValue(email)!.Trim(),
                EmailConfirmed = true,
                DisplayName = parse.GetValue(displayName)!,
                UnitId = home.Id,
                Clearance = parse.GetValue(clearance),
            };
            var result = await manager.CreateAsync(admin, password);
            if (result.Succeeded)
            {
                result = await manager.AddToRoleAsync(admin, Roles.Administrator);
            }
            if (!result.Succeeded)
            {
                Console.Error.WriteLine("Could not create the administrator: " + string.Join(" ", result.Errors.Select(e => e.Description)));
                return 2;
            }
            db.Audit(AuditActions.Create, AuditOutcomes.Success, "user", admin.Id.ToString(),
                detail: $"administrator bootstrapped from the command line, cleared {ClassificationText.Display(admin.Clearance)}");
            await db.SaveChangesAsync(ct);
            Console.WriteLine($"Administrator {admin.Email} created, cleared {ClassificationText.Display(admin.Clearance)}. They must enrol in two-factor authentication at first sign-in.");
            return 0;
        }));
        users.Subcommands.Add(createAdmin);
        return users;
    }

    /// <summary>Builds the app (without serving), migrates, and runs the verb as the system in one scope.</summary>
    private static Task<int> WithScopeAsync(Func<string[], WebApplication> buildApp, string actor, Func<IServiceProvider, Task<int>> work) =>
        WithScopeAsync(buildApp, actor, setUp: true, work);

    /// <summary>Runs a verb in a scope of the app, acting as the system. With setUp the database is migrated
    /// and seeded first; without it, the database is opened read-only (Database:ReadOnly) and left as it is.</summary>
    private static async Task<int> WithScopeAsync(Func<string[], WebApplication> buildApp, string actor, bool setUp, Func<IServiceProvider, Task<int>> work)
    {
        // Standard output is the verb's result (a token, a verdict); logs go to standard error.
        string[] hostArgs = [.. Environment.GetCommandLineArgs().Skip(1).Where(a => a == "--demo"), "--Logging:Console:LogToStandardErrorThreshold=Trace",
            .. setUp ? Array.Empty<string>() : ["--Database:ReadOnly=true"]];
        var app = buildApp(hostArgs);
        await using var scope = app.Services.CreateAsyncScope();
        if (setUp)
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseSetup>().RunAsync(demo: false, CancellationToken.None);
        }
        scope.ServiceProvider.GetRequiredService<AccessContext>().RunAsSystem(actor);
        return await work(scope.ServiceProvider);
    }
}
