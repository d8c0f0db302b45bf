using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Data;
using Vigil.Web.Platform.Inbox;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Platform;

public static class PlatformSetup
{
    /// <summary>The largest request body the API accepts; uploads (issue 4) raise it per endpoint.</summary>
    public const long MaxRequestBodyBytes = 1_048_576;

    public const string SignInPolicy = "sign-in";

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder, string[] args)
    {
        var options = VigilOptions.From(args, builder.Environment, builder.Configuration, SourceLayout.DataFolder());
        builder.Services.AddSingleton(options);
        // Run from a build (not a publish), MapStaticAssets patches the assets at run time so that edits show
        // at once, and so drops their caching. That is for a developer: anywhere else (tests included) the
        // assets are served as a published installation serves them, fingerprinted and cached for a year.
        if (!builder.Environment.IsDevelopment() && builder.Configuration["ReloadStaticAssetsAtRuntime"] is null)
        {
            builder.Configuration["ReloadStaticAssetsAtRuntime"] = "false";
        }
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddVigilData(builder.Configuration, options.DataFolder);
        builder.Services.AddVigilSecurity();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<AuditVerifier>();
        builder.Services.AddScoped<AuditQueries>();
        builder.Services.AddScoped<AuditExport>();
        builder.Services.AddSingleton<AuditCatalogue>();
        builder.Services.AddAuditRecordTypes(
            ("user", "User account"), ("token", "API token"), ("need-to-know-group", "Need-to-know group"),
            ("clearance-grant", "Clearance or role request"), ("audit-log", "Audit log"), ("audit-checkpoint", "Audit checkpoint"),
            ("inbox", "Unit inbox"), ("inbox-item", "Inbox notice"), ("database", "The database"), ("search", "The search across records"), ("link-chart", "The link chart"), ("saved-search", "Saved search"));
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddScoped<Inbox.UnitInbox>();
        builder.Services.AddScoped<Retention.IDisposalPart, Inbox.InboxDisposal>();
        builder.Services.AddScoped<Search.Searches>();
        builder.Services.AddScoped<Graph.LinkChart>();
        builder.Services.AddScoped<Search.SavedSearches>();
        builder.Services.AddHostedService<Search.SavedSearchWatcher>();
        builder.Services.AddSingleton<AnonymousRejections>();
        builder.Services.AddHostedService<AnonymousRejectionsFlush>();
        builder.Services.AddSingleton<PasswordTiming>();
        builder.Services.AddForwardedHeadersFromConfiguration(builder.Configuration);
        builder.Services.AddScoped<ISeed, RoleSeed>();
        builder.Services.AddScoped<ISeed, DemoData>();
        builder.Services.AddScoped<ISeed, Search.SearchBackfill>();
        builder.Services.AddScoped<ISeed, Retention.RetentionBackfill>();
        builder.Services.AddScoped<DatabaseSetup>();
        builder.Services.AddScoped<Data.Scale.ScaleSeeding>();
        builder.Services.AddScoped<Data.Scale.IScaleSeed, Data.Scale.AuditScaleSeed>();
        builder.Services
            .AddNavigation("/", "Home", 0)
            .AddNavigation("/inbox", "Inbox", 80)
            .AddNavigation("/audit", "Audit log", 90, a => a.IsInRole(Roles.Auditor))
            .AddNavigation("/admin/users", "Users", 100, a => a.IsInRole(Roles.Administrator))
            .AddNavigation("/admin/groups", "Need-to-know groups", 110, a => a.IsInRole(Roles.Administrator))
            .AddNavigation("/account/tokens", "API tokens", 120)
            .AddHomePanel<Inbox.InboxHomePanel, Inbox.UnitInbox, int>(40, (inbox, ct) => inbox.UnreadCountAsync(ct))
            .AddHomePanel<Security.TokensHomePanel>(90);
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery();
        builder.Services.AddProblemDetails();
        // Anonymous forms (a public referral) are limited per address, in the database: [PublicFormLimit], Vigil:PublicForm:PermitsPerTenMinutes.
        // Sign-in posts are limited per address too (Vigil:SignIn:PermitsPerMinute), so that nobody can lock
        // accounts out, or try passwords, at speed.
        builder.Services.AddSingleton<PublicFormLimit>();
        var signIns = builder.Configuration.GetValue("Vigil:SignIn:PermitsPerMinute", 10);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Api.Outcomes.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            // Sending is limited, reading the form is not.
            o.AddPolicy(SignInPolicy, http => PostsPerAddress(http, signIns, TimeSpan.FromMinutes(1)));
        });
        builder.Services.AddOpenApi("v1", Api.ApiDocument.Configure);
        // A value that does not bind (?phase=bogus) throws in every environment, so the error handler answers
        // it as a ProblemDetails naming the field and what it takes (Api/BindingErrors), never an empty 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            // An unknown field is an error, not silently ignored: a client that thinks it set something must hear it did not.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        // Each command's SQL is logged only when an operator asks for it (Logging:LogLevel for this category).
        if (builder.Configuration["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] is null)
        {
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        }
        if (options.DemoMode && builder.Configuration["Vigil:DataProtection:CertificatePath"] is null)
        {
            // The demo keeps its cookie keys unencrypted in its own database on purpose; the start says so
            // once, in words, instead of ASP.NET Core's warning (which an installation still sees).
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        }
        return builder;
    }

    private static System.Threading.RateLimiting.RateLimitPartition<string> PostsPerAddress(HttpContext http, int permits, TimeSpan window) =>
        HttpMethods.IsPost(http.Request.Method)
            ? System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(AnonymousRejections.SourceOf(http),
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window })
            : System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("read");

    private static WebApplication UsePlatform(this WebApplication app)
    {
        // First, so that everything after sees the caller's own address and scheme (from named proxies only).
        app.UseForwardedHeaders();
        app.Use((http, next) =>
        {
            // Applied as the answer starts, so that error pages and files get them too.
            http.Response.OnStarting(() =>
            {
                SecurityHeaders.Apply(http);
                return Task.CompletedTask;
            });
            return next(http);
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor, ExceptionHandler = WriteError });
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            await WriteStatusAsync(http, http.Response.StatusCode, null);
        });
        // Routing here, not at the very start (where WebApplication would put it): the static assets are
        // short-circuited endpoints, answered by routing itself, and must get the security headers above yet
        // none of what follows (no database read of the user, no two-factor redirect of a stylesheet).
        app.UseRouting();
        app.Use(async (http, next) =>
        {
            // Kestrel enforces the limit on the wire (also for chunked bodies); this answers early and
            // clearly for a declared length, whatever server is in front. An upload endpoint raises the
            // limit for itself with [RequestSizeLimit] (routing has already chosen the endpoint here).
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxRequestBodyBytes;
            if (limit != MaxRequestBodyBytes && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
            {
                body.MaxRequestBodySize = limit;
            }
            if (http.Request.ContentLength > limit)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await WriteStatusAsync(http, StatusCodes.Status413PayloadTooLarge, $"The limit is {limit / 1024} KB.");
                return;
            }
            // A body in a character set nobody knows ("application/json; charset=nonsense") cannot be read: the
            // framework's JSON reader would throw an InvalidOperationException (a 500). Said plainly instead.
            if (UnknownCharset(http.Request.ContentType) is { } charset)
            {
                http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                await WriteStatusAsync(http, StatusCodes.Status415UnsupportedMediaType, $"The character set '{Api.ApiValidation.Visible(charset)}' is not known: send UTF-8.");
                return;
            }
            await next(http);
        });
        app.Use(async (http, next) =>
        {
            // A source whose tokens or sign-ins keep being refused gets 429 for the rest of the minute, before
            // any database work: a flood costs it, not the service.
            var rejections = http.RequestServices.GetRequiredService<AnonymousRejections>();
            if ((http.Request.Path.StartsWithSegments("/api") || (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/account/sign-in")))
                && rejections.IsFlooding(http))
            {
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = rejections.SecondsLeftInMinute().ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteStatusAsync(http, StatusCodes.Status429TooManyRequests, "Too many refused attempts from your address: wait a minute and try again.");
                return;
            }
            await next(http);
        });
        app.UseAuthentication();
        app.UseMiddleware<AccessContextMiddleware>();
        app.UseAuthorization();
        app.Use(async (http, next) =>
        {
            // A page's query value of the wrong type ("?page=two") is the caller's mistake, not the page's: 400, named.
            if (http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>()?.Type is { } page
                && Ui.PageQuery.Refusal(page, http.Request.Query) is { } refusal)
            {
                var db = http.RequestServices.GetRequiredService<VigilDb>();
                db.Audit(AuditActions.BadRequest, AuditOutcomes.Denied, detail: $"{http.Request.Method} {http.Request.Path}: query value not valid");
                await db.SaveChangesAsync(http.RequestAborted);
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await WriteStatusAsync(http, StatusCodes.Status400BadRequest, refusal);
                return;
            }
            await next(http);
        });
        app.UseAntiforgery();
        app.UseRateLimiter();
        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsPost(http.Request.Method) || http.GetEndpoint()?.Metadata.GetMetadata<PublicFormLimitAttribute>() is not { } limited)
            {
                await next(http);
                return;
            }
            var limit = http.RequestServices.GetRequiredService<PublicFormLimit>();
            var db = http.RequestServices.GetRequiredService<VigilDb>();
            var take = limit.For(AnonymousRejections.SourceOf(http));
            var wait = limited.CountedWithTheSave ? await limit.LeftAsync(db, take, http.RequestAborted) : await limit.TakeAsync(db, take);
            if (wait is { } left)
            {
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Api.Outcomes.Seconds(left).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteStatusAsync(http, StatusCodes.Status429TooManyRequests, PublicFormLimit.TooOften(left));
                return;
            }
            if (!limited.CountedWithTheSave)
            {
                await next(http);
                return;
            }
            http.Features.Set(take);
            await next(http);
            if (take.Count is null)
            {
                // The post saved nothing (it was refused as invalid, say): it counts all the same.
                await limit.TakeAsync(db, take);
            }
        });
        app.Use(async (http, next) =>
        {
            // A form post whose antiforgery token is missing or forged is refused (400) by the framework; record it.
            if (http.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                var db = http.RequestServices.GetRequiredService<VigilDb>();
                db.Audit(AuditActions.BadRequest, AuditOutcomes.Denied, detail: $"{http.Request.Method} {http.Request.Path}: antiforgery token not valid");
                await db.SaveChangesAsync(http.RequestAborted);
            }
            await next(http);
        });
        return app;
    }

    /// <summary>The platform's middleware (which must come before every module's endpoints), then its own
    /// endpoints: health, OpenAPI, the pages, audit, account, administration and inbox APIs.</summary>
    public static WebApplication MapPlatform(this WebApplication app)
    {
        app.UsePlatform();
        app.MapAuditApi();
        app.MapAccountApi();
        app.MapAdministrationApi();
        app.MapInboxApi();
        Search.Searches.Map(app);
        Graph.LinkChart.Map(app);
        Search.SavedSearches.Map(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // Fingerprinted, pre-compressed (gzip; brotli too once published) and cached for a year: the files
        // listed in the build's static web assets manifest (wwwroot, GOV.UK Frontend's copied files included).
        // The manifest named after this assembly, whichever entry assembly hosts the app (a test may).
        app.MapStaticAssets($"{typeof(PlatformSetup).Assembly.GetName().Name}.staticwebassets.endpoints.json").AllowAnonymous().ShortCircuit();
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>Migrates, seeds reference data and, in demo mode, the demo accounts and data; prints
    /// where the app is and where the demo accounts are listed.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        if (SecurityHeaders.ProductionHostRefusal(app.Environment, app.Configuration) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }
        var options = app.Services.GetRequiredService<VigilOptions>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseSetup>().RunAsync(options.DemoMode, CancellationToken.None);
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                Console.WriteLine($"Vigil is running at {url}");
            }
            Console.WriteLine(options.DemoMode
                ? "Demo mode: demo accounts and their passwords are listed in README.md (\"Demo accounts\"). The demo keeps its cookie keys unencrypted in its own database."
                : "Production mode: no demo accounts. Create an administrator with: vigil users create-admin --email EMAIL");
        });
    }

    private static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        JsonException => StatusCodes.Status400BadRequest,
        DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
        // A concurrent write won a race on a unique key (two actions numbered at once): the whole
        // transaction was rolled back, so nothing was saved; the request can simply be repeated.
        DbUpdateException e when DbErrors.IsUniqueViolation(e) => StatusCodes.Status409Conflict,
        // A NUL in a search or a field reached PostgreSQL, which holds no NUL in text: the request's fault.
        _ when DbErrors.IsUnstorableText(exception) => StatusCodes.Status400BadRequest,
        // The database or the audit store cannot take writes now (disk full, blocked, away): nothing was
        // saved (the change and its audit entries fail together), and it is worth trying again later.
        _ when DbErrors.IsUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static async Task WriteError(HttpContext http)
    {
        var exception = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = exception is null ? 500 : StatusFor(exception);
        http.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Vigil.Unavailable")
                .LogError("The database cannot record requests: {Error} ({Method} {Path})", exception!.GetBaseException().Message, http.Request.Method, http.Request.Path);
            http.RequestServices.GetRequiredService<WriteFailures>().Failed();
            http.Response.Headers.RetryAfter = "60";
        }
        if (status < 500)
        {
            // Security-relevant bad requests (forged antiforgery tokens, malformed bodies) are audited.
            var db = http.RequestServices.GetRequiredService<VigilDb>();
            db.ChangeTracker.Clear();
            db.Audit(AuditActions.BadRequest, AuditOutcomes.Denied, detail: $"{http.Request.Method} {http.Request.Path}: {exception?.GetType().Name}");
            await db.SaveChangesAsync(http.RequestAborted);
        }
        if (exception is BadHttpRequestException bad && http.Request.Path.StartsWithSegments("/api") && Api.BindingErrors.Explain(http.Features.Get<IExceptionHandlerFeature>()?.Endpoint, bad) is { } binding)
        {
            await Results.ValidationProblem(new Dictionary<string, string[]> { [binding.Field] = [binding.Message] }).ExecuteAsync(http);
            return;
        }
        // Not "nothing was saved" when the commit's answer was lost, or when this request had already committed a change
        // before the database went away (it failed afterwards, reading back what it saved, say).
        var unknown = status == StatusCodes.Status503ServiceUnavailable
            && (DbErrors.IsCommitOutcomeUnknown(exception) || http.RequestServices.GetRequiredService<VigilDb>().MayHaveSaved);
        await WriteStatusAsync(http, status, unknown ? CommitOutcomeUnknown
            : status == StatusCodes.Status503ServiceUnavailable ? "Nothing of this request was saved. Try again in a minute."
            : DbErrors.IsUnstorableText(exception) ? DbErrors.UnstorableText
            : status < 500 ? exception?.Message : null, unknown);
    }

    /// <summary>The 503's detail when the database went away as it committed (DbErrors.IsCommitOutcomeUnknown).</summary>
    public const string CommitOutcomeUnknown = "The database went away while this request was being saved, so it may or may not have been saved. Check whether it is there before sending it again.";

    /// <summary>ProblemDetails for the API; a GOV.UK page for everything else.</summary>
    private static async Task WriteStatusAsync(HttpContext http, int status, string? detail, bool outcomeUnknown = false)
    {
        if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/openapi"))
        {
            await Results.Problem(statusCode: status, title: Title(status), detail: detail).ExecuteAsync(http);
            return;
        }
        var page = new Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<StatusShell>(new
        {
            StatusCode = status,
            OutcomeUnknown = outcomeUnknown,
            Detail = detail is null ? "Go back, reload the page and try again." : "Go back, reload the page and try again. (" + detail + ")",
        })
        { StatusCode = status };
        // The request's own components may already have rendered (a page that set an error status itself, as
        // the not-found page asked for by its address does) or half-rendered (an exception) in this scope,
        // with Blazor's headers added and its navigation set up: render the status page in a fresh scope.
        http.Response.Headers.Remove("blazor-enhanced-nav");
        var original = http.RequestServices;
        await using var scope = original.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessContext>().CopyFrom(original.GetRequiredService<AccessContext>());
        http.RequestServices = scope.ServiceProvider;
        try
        {
            await page.ExecuteAsync(http);
        }
        finally
        {
            http.RequestServices = original;
        }
    }

    /// <summary>The declared character set of a body when .NET does not know it, else null.</summary>
    private static string? UnknownCharset(string? contentType)
    {
        if (contentType is null || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
            || media.Charset is not { Length: > 0 } charset)
        {
            return null;
        }
        var name = charset.Value!.Trim('"');
        try
        {
            System.Text.Encoding.GetEncoding(name);
            return null;
        }
        catch (ArgumentException)
        {
            return name;
        }
    }

    private static string Title(int status) => status switch
    {
        400 => "The request is not valid",
        404 => "Not found",
        409 => "Someone else changed this record first",
        503 => "The service cannot record the request right now",
        413 => "The request is too large",
        415 => "The request's content type is not accepted",
        429 => "Too many requests: wait a few minutes, then try again",
        _ => "Sorry, there is a problem with the service",
    };
}
