using System.Diagnostics;

namespace Vigil.Web.Tests.Cli;

/// <summary>Runs the executable's verbs as a separate process on a fixture's database, exactly as
/// `dotnet run --project src/Vigil.Web -- VERB` runs them.</summary>
public static class VigilCli
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(VigilApp app, string arguments, Dictionary<string, string>? extra = null)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{typeof(Program).Assembly.Location}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Vigil__DataFolder"] = app.DataFolder;
        if (VigilApp.OnPostgres)
        {
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["ConnectionStrings__Vigil"] = app.ConnectionString;
        }
        else
        {
            start.Environment["Database__Path"] = Path.Combine(app.DataFolder, "vigil.db");
        }
        foreach (var (k, v) in extra ?? [])
        {
            start.Environment[k] = v;
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{arguments}` did not finish in 90 s: {await error}");
        }
        return (process.ExitCode, await output, await error);
    }
}
