using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Browser.Tests.Infrastructure;

/// <summary>
/// The real application as its own process (bin/Vigil.Web.dll, copied here by the project reference), in
/// demo mode on a fresh SQLite database in a temporary folder. The app finds its content root (and so
/// wwwroot) by walking up to Vigil.slnx, so it serves the GOV.UK assets from src/Vigil.Web.
/// Browser tests always use SQLite, even when VIGIL_TEST_POSTGRES is set.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    // A first start migrates and seeds the demo: about 15 s on an idle 2-core machine, 84 s seen with the machine's
    // load at 34. A bound on waiting, not a timed assertion: generous, so a loaded machine does not fail the suite.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(240);

    private readonly Process process;
    private readonly StringBuilder output = new();

    public Uri BaseUrl { get; }
    public string DataFolder { get; }

    private AppProcess(Process process, Uri baseUrl, string dataFolder)
    {
        this.process = process;
        BaseUrl = baseUrl;
        DataFolder = dataFolder;
    }

    /// <summary>What the app has printed so far (stdout and stderr, interleaved).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<AppProcess> StartAsync()
    {
        var app = Path.Combine(AppContext.BaseDirectory, "Vigil.Web.dll");
        if (!File.Exists(app))
        {
            throw new InvalidOperationException($"{app} is missing: build the test project (it references src/Vigil.Web).");
        }
        var dataFolder = Directory.CreateTempSubdirectory("vigil-browser-").FullName;
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { app, "--urls", baseUrl.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["Vigil__DataFolder"] = dataFolder;
        start.Environment["Database__Path"] = Path.Combine(dataFolder, "vigil.db");
        start.Environment["Vigil__Demo"] = "true";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Every browser calls from 127.0.0.1 and the walkthroughs sign in and check often: the limits are
        // tested in the web tests (HardeningTests, DeconflictionOracleTests), so they are raised here.
        start.Environment["Vigil__SignIn__PermitsPerMinute"] = "10000";
        start.Environment["Vigil__PublicForm__PermitsPerTenMinutes"] = "10000";
        start.Environment["Vigil__Rejections__PerMinute"] = "10000";
        start.Environment["Vigil__Deconfliction__ChecksPerWindow"] = "10000";
        start.Environment["Vigil__Deconfliction__ProbeHits"] = "10000";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var running = new AppProcess(process, baseUrl, dataFolder);
        process.OutputDataReceived += (_, e) => running.Append(e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await running.WaitUntilReadyAsync();
            return running;
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                throw new InvalidOperationException($"Vigil exited with code {process.ExitCode} before it was ready. Its output:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy (migrating, seeding the demo data).
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Vigil did not answer 200 at {BaseUrl}health/ready within {StartTimeout.TotalSeconds:0} s. Its output:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        catch (TimeoutException)
        {
            // Left for the OS.
        }
        process.Dispose();
        // Kept for a look after the run: errors the app logged while the tests drove it.
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "vigil-app.log"), Output);
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The dotnet host running these tests (set by the SDK), else the one on the PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }
        return "dotnet";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
