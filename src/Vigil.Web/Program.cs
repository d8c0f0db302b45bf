using Vigil.Web.Network;
using Vigil.Web.Platform;
using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Inbox;
using Vigil.Web.Platform.Cli;
using Vigil.Web.Platform.Security;
using Vigil.Web.Platform.Ui;
using Vigil.Web.Prevent;
using Vigil.Web.Pursue;
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

    /// <summary>The composition root: one Add and one Map call per module.</summary>
    public static WebApplication BuildApp(string[] args)
    {
        // --demo is a switch without a value; the host's command-line configuration would take the next
        // argument (e.g. --urls) as its value, so the host never sees it.
        var hostArgs = args.Where(a => a != "--demo").ToArray();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = SourceLayout.ContentRoot() });
        builder.AddPlatform(args);
        builder.Services.AddNetwork();
        builder.Services.AddSubjects();
        builder.AddPursue();
        builder.Services.AddPrevent();

        var app = builder.Build();
        app.UsePlatform();
        app.MapPlatform();
        app.MapNetworkApi();
        app.MapSubjectsApi();
        app.MapPursueApi();
        app.MapPreventApi();
        app.MapAuditApi();
        app.MapAccountApi();
        app.MapAdministrationApi();
        app.MapInboxApi();
        return app;
    }
}
