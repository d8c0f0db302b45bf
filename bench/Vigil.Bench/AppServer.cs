using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Bench;

/// <summary>A database the server is started against: sets the environment that points the app at it.</summary>
internal interface IAppDatabase
{
    void Configure(ProcessStartInfo start);
}

/// <summary>A running server process (the Release build of Vigil.Web).</summary>
internal sealed class AppRun(Process process, Uri address, TimeSpan ready, Func<string>? log = null)
{
    /// <summary>What the server wrote to its standard output and error so far (warnings and errors: Production logging).</summary>
    public string Log => log?.Invoke() ?? "";

    public TimeSpan Ready { get; } = ready;

    public Uri Address { get; } = address;

    public int ProcessId => process.Id;

    /// <summary>Whether the server process has ended (it must not, while its database fails under it).</summary>
    public bool HasExited => process.HasExited;

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no finally block runs.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}

internal sealed class AppServer(string dll)
{
    /// <summary>The Release build's Vigil.Web.dll.</summary>
    public string Dll => dll;

    /// <summary>How long a start may take before it counts as stuck.</summary>
    public TimeSpan StuckAfter { get; init; } = TimeSpan.FromMinutes(4);

    public static AppServer Build()
    {
        var repo = Datasets.RepositoryRoot();
        var project = Path.Combine(repo, "src", "Vigil.Web");
        using var build = Process.Start(new ProcessStartInfo("dotnet", $"build -c Release \"{project}\" -v q -nologo") { UseShellExecute = false, RedirectStandardOutput = true })!;
        _ = build.StandardOutput.ReadToEndAsync();
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet build of Vigil.Web failed");
        }
        return new AppServer(Path.Combine(project, "bin", "Release", "net10.0", "Vigil.Web.dll"));
    }

    private ProcessStartInfo Start(IAppDatabase db, string arguments)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["AllowedHosts"] = "127.0.0.1;localhost";
        start.Environment["Vigil__Deconfliction__ChecksPerWindow"] = "100000000";
        start.Environment["Vigil__Deconfliction__ProbeHits"] = "100000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        db.Configure(start);
        return start;
    }

    /// <summary>Starts the server; kills it after killAfter (true if it was not ready by then), or, with
    /// none, once it is ready.</summary>
    public async Task<(TimeSpan Ready, bool KilledBeforeReady)> StartAsync(IAppDatabase db, TimeSpan? killAfter)
    {
        if (killAfter is { } after)
        {
            var port = FreePort();
            var process = Launch(db, port, out var log);
            var ready = WaitReadyAsync(process, port, log);
            var first = await Task.WhenAny(ready, Task.Delay(after));
            var killedBefore = first != ready;
            new AppRun(process, new Uri($"http://127.0.0.1:{port}"), TimeSpan.Zero).Kill();
            return (after, killedBefore);
        }
        var run = await LaunchAsync(db);
        run.Kill();
        return (run.Ready, false);
    }

    public async Task<AppRun> LaunchAsync(IAppDatabase db)
    {
        var port = FreePort();
        var process = Launch(db, port, out var log);
        var ready = await WaitReadyAsync(process, port, log);
        return new AppRun(process, new Uri($"http://127.0.0.1:{port}"), ready, log);
    }

    private Process Launch(IAppDatabase db, int port, out Func<string> log)
    {
        var process = Process.Start(Start(db, $"--demo --urls http://127.0.0.1:{port}"))!;
        var text = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (text) { text.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (text) { text.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log = () => { lock (text) { return text.ToString(); } };
        return process;
    }

    private async Task<TimeSpan> WaitReadyAsync(Process process, int port, Func<string> log)
    {
        var clock = Stopwatch.StartNew();
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < StuckAfter)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited ({process.ExitCode}) before it was ready:\n{log()}");
            }
            try
            {
                using var response = await probe.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return clock.Elapsed;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"STUCK: the server was not ready after {StuckAfter.TotalMinutes} minutes:\n{log()}");
    }

    public async Task<(int Exit, string Out, string Err)> RunCliAsync(IAppDatabase db, string arguments)
    {
        using var process = Process.Start(Start(db, arguments))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
