using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Vigil.Bench;

/// <summary>
/// A PostgreSQL server of the bench's own (Debian's postgresql package, run as the postgres user): initdb in a folder,
/// started on a free port with its socket in that folder, a streaming standby of another (pg_basebackup -R), killed as a
/// machine dies (SIGKILL to the postmaster and every process it started), promoted. For the failover and disk-full
/// modes, which must own the servers they break.
/// </summary>
internal sealed class PgCluster
{
    public static string Bin { get; } = Directory.GetDirectories("/usr/lib/postgresql")
        .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
        .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
        ?? throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql");

    public string Name { get; }
    public string Folder { get; }
    public string DataDirectory => Path.Combine(Folder, "data");
    public int Port { get; } = FreePort();

    /// <summary>Settings given on the command line (they win over postgresql.conf, and a base backup does not copy them).</summary>
    private readonly List<string> settings = [];

    private PgCluster(string name, string folder)
    {
        Name = name;
        Folder = folder;
    }

    public static int Major => int.Parse(Path.GetFileName(Path.GetDirectoryName(Bin)!), CultureInfo.InvariantCulture);

    /// <summary>A new, stopped cluster in root/name (owned by postgres); extra initdb arguments (--waldir...).</summary>
    public static PgCluster Init(DirectoryInfo root, string name, string initdbExtra = "")
    {
        var cluster = Create(root, name);
        Run("runuser", $"-u postgres -- {Bin}/initdb -D {cluster.DataDirectory} -A trust -U vigil {initdbExtra}");
        return cluster;
    }

    /// <summary>A streaming standby of <paramref name="primary"/>, stopped: a base backup with its WAL, and -R (standby.signal
    /// and primary_conninfo). Its walreceiver reports <see cref="Name"/> as its application name, which the primary's
    /// synchronous_standby_names names.</summary>
    public static PgCluster StandbyOf(PgCluster primary, DirectoryInfo root, string name)
    {
        var cluster = Create(root, name);
        Run("runuser", $"-u postgres -- {Bin}/pg_basebackup -h {primary.Folder} -p {primary.Port} -U vigil -D {cluster.DataDirectory} -R -X stream -c fast");
        return cluster;
    }

    private static PgCluster Create(DirectoryInfo root, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root.FullName, name)).FullName;
        Run("chown", $"postgres {folder}");
        return new PgCluster(name, folder);
    }

    public PgCluster With(string setting)
    {
        settings.Add(setting);
        return this;
    }

    public void Start()
    {
        var options = string.Join(" ", new[] { $"-p {Port}", $"-k {Folder}", "-c listen_addresses=127.0.0.1", "-c max_connections=200", $"-c cluster_name={Name}" }
            .Concat(settings.Select(s => "-c " + s)));
        Run("runuser", $"-u postgres -- {Bin}/pg_ctl -D {DataDirectory} -w -t 120 -l {Path.Combine(Folder, "log")} -o \"{options}\" start");
    }

    /// <summary>Starts it, or says why not (a server that cannot start where its disk is full).</summary>
    public (bool Started, string Log) TryStart()
    {
        try
        {
            Start();
            return (true, "");
        }
        catch (InvalidOperationException e)
        {
            return (false, e.Message + "\n" + LogTail());
        }
    }

    public string LogTail(int lines = 15)
    {
        var log = Path.Combine(Folder, "log");
        return File.Exists(log) ? string.Join("\n", File.ReadLines(log).TakeLast(lines)) : "";
    }

    public void Promote() => Run("runuser", $"-u postgres -- {Bin}/pg_ctl -D {DataDirectory} -w -t 120 promote");

    /// <summary>As a machine dies: SIGKILL to the postmaster and, at once, every process it started (its backends
    /// would otherwise linger until they noticed). Nothing is flushed or shut down.</summary>
    public int Kill()
    {
        var postmaster = PostmasterId();
        var children = Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == postmaster).ToList();
        foreach (var pid in children.Prepend(postmaster))
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already.
            }
        }
        return postmaster;
    }

    /// <summary>Whether the postmaster that started is still there.</summary>
    public bool Running => File.Exists(Path.Combine(DataDirectory, "postmaster.pid")) && Directory.Exists($"/proc/{PostmasterId()}");

    private int PostmasterId() => int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    private static int ParentOf(int pid)
    {
        try
        {
            var status = File.ReadAllLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal));
            return status is null ? -1 : int.Parse(status[5..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    public void Stop()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            TryRun("runuser", $"-u postgres -- {Bin}/pg_ctl -D {DataDirectory} -m immediate -w stop");
        }
    }

    /// <summary>A connection string to one database on this server alone.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "vigil", Database = database, Pooling = false, Timeout = 5 }.ConnectionString;

    public async Task<T> ScalarAsync<T>(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static string Run(string file, string arguments)
    {
        var (exit, output) = TryRun(file, arguments);
        return exit == 0 ? output : throw new InvalidOperationException($"{file} {arguments} exited {exit}:\n{output}");
    }

    public static (int Exit, string Output) TryRun(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
