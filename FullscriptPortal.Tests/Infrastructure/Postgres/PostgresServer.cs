using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FullscriptPortal.Tests.Infrastructure.Postgres;

/// <summary>A throwaway PostgreSQL server for the whole test run: the machine's own binaries, a cluster made by initdb in
/// a temporary folder, listening on a free loopback port only. It starts when a test first asks for it and stops when the
/// test process ends (a watchdog stops it too if the process is killed). Each portal gets a database of its own from
/// <see cref="CreateDatabase"/>, so one server serves every test.</summary>
/// <remarks>Where PostgreSQL is not installed, <see cref="Shared"/> throws with the command that installs it: the tests that
/// need it fail, they never skip.</remarks>
public sealed class PostgresServer
{
    public const string NotInstalled = "PostgreSQL is not installed: apt-get install -y postgresql";

    private static readonly Lazy<PostgresServer> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _binaries;
    private readonly string _folder;
    private readonly bool _asPostgresUser;

    private PostgresServer(string binaries, string folder, bool asPostgresUser, int port)
    {
        (_binaries, _folder, _asPostgresUser, Port) = (binaries, folder, asPostgresUser, port);
    }

    /// <summary>The server of this test run, started on first use.</summary>
    public static PostgresServer Shared => Instance.Value;

    public int Port { get; }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>A connection string for <paramref name="database"/> as the superuser (trust authentication on loopback).</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Username = "postgres",
        Database = database,
        // Hosts come and go in tests; idle connections of a disposed portal should not pile up on the server.
        ConnectionIdleLifetime = 10,
    }.ToString();

    /// <summary>Creates an empty database named <c>portal_&lt;guid&gt;</c> and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "portal_" + Guid.NewGuid().ToString("N");
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    private static PostgresServer Start()
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException(NotInstalled);
        var asPostgresUser = Environment.UserName == "root";
        var folder = Directory.CreateTempSubdirectory("fullscript-portal-pg-").FullName;
        if (asPostgresUser) Run("chown", "-R", "postgres:postgres", folder);

        var server = new PostgresServer(binaries, folder, asPostgresUser, FreePort());
        server.RunTool("initdb", "-D", server.DataFolder, "-U", "postgres", "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync");
        server.RunTool("pg_ctl", "start", "-w", "-t", "60", "-D", server.DataFolder, "-l", Path.Combine(folder, "server.log"), "-o",
            $"-k {folder} -p {server.Port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500");

        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        server.StartWatchdog();
        return server;
    }

    /// <summary>The newest installed version's bin folder (Debian's layout), or null.</summary>
    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .Select(folder => (Folder: folder, Version: int.TryParse(Path.GetFileName(folder), out var version) ? version : 0))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => Path.Combine(candidate.Folder, "bin"))
            .FirstOrDefault(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Stop()
    {
        try
        {
            RunTool("pg_ctl", "stop", "-D", DataFolder, "-m", "immediate", "-w");
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // The test run is over; the watchdog or the OS temp cleaner takes what is left.
        }
    }

    /// <summary>A detached shell that stops the server and removes its folder once this process is gone, however it ended
    /// (ProcessExit does not run when the test host is killed).</summary>
    private void StartWatchdog()
    {
        var pgCtl = Command("pg_ctl", "stop", "-D", DataFolder, "-m", "immediate");
        var stop = string.Join(' ', new[] { pgCtl.File }.Concat(pgCtl.Arguments).Select(Quote));
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; {stop}; rm -rf {Quote(_folder)}";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "sh", "-c", script }) start.ArgumentList.Add(argument);
        Process.Start(start)?.Dispose();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private void RunTool(string tool, params string[] arguments)
    {
        var (file, all) = Command(tool, arguments);
        Run(file, all);
    }

    /// <summary>PostgreSQL refuses to run as root: then its tools run as the <c>postgres</c> user.</summary>
    private (string File, string[] Arguments) Command(string tool, params string[] arguments)
    {
        var path = Path.Combine(_binaries, tool);
        return _asPostgresUser ? ("runuser", ["-u", "postgres", "--", path, .. arguments]) : (path, arguments);
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish within two minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output.Result}{error.Result}");
    }
}
