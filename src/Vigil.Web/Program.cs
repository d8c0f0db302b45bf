using Vigil.Web.Intelligence;
using Vigil.Web.National;
using Vigil.Web.Network;
using Vigil.Web.Platform;
using Vigil.Web.Operations;
using Vigil.Web.Platform.Cli;
using Vigil.Web.Prepare;
using Vigil.Web.Prevent;
using Vigil.Web.Protect;
using Vigil.Web.Pursue;
using Vigil.Web.Retention;
using Vigil.Web.Reporting;
using Vigil.Web.Subjects;

namespace Vigil.Web;

public partial class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (VigilCommands.IsVerb(args))
        {
            return await VigilCommands.RunAsync(args, BuildApp);
        }
        var app = BuildApp(args);
        await app.PrepareAsync();
        await app.RunAsync();
        return 0;
    }

    /// <summary>The composition root: one Add and one Map call per module, Platform first (its middleware
    /// comes before every endpoint).</summary>
    public static WebApplication BuildApp(string[] args)
    {
        // --demo is a switch without a value; the host's command-line configuration would take the next
        // argument (e.g. --urls) as its value, so the host never sees it.
        var hostArgs = args.Where(a => a != "--demo").ToArray();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = SourceLayout.ContentRoot() });
        builder.AddPlatform(args);
        builder.AddNetwork();
        builder.AddSubjects();
        builder.AddPursue();
        builder.AddPrevent();
        builder.AddIntelligence();
        builder.AddReporting();
        builder.AddProtect();
        builder.AddPrepare();
        builder.AddOperations();
        builder.AddNational();
        builder.AddRetention();

        var app = builder.Build();
        app.MapPlatform();
        app.MapNetwork();
        app.MapSubjects();
        app.MapPursue();
        app.MapPrevent();
        app.MapIntelligence();
        app.MapReporting();
        app.MapProtect();
        app.MapPrepare();
        app.MapOperations();
        app.MapNational();
        app.MapRetention();
        return app;
    }
}
