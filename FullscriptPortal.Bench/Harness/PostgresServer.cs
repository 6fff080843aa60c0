using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FullscriptPortal.Bench.Harness;

/// <summary>A throwaway PostgreSQL server for one case: the machine's own binaries (Debian's layout), initdb into a
/// temporary folder, a free loopback port, run as the <c>postgres</c> user when the bench runs as root. Unlike the tests'
/// server it keeps fsync on: the token write's durability is part of what is measured.</summary>
internal sealed class PostgresServer : IDisposable
{
    public const string NotInstalled = "PostgreSQL is not installed: apt-get install -y postgresql";

    private readonly string _binaries;
    private readonly string _folder;
    private readonly bool _asPostgresUser = Environment.UserName == "root";

    private PostgresServer(string binaries, string folder, int port)
    {
        (_binaries, _folder, Port) = (binaries, folder, port);
    }

    public int Port { get; }

    private string DataFolder => Path.Combine(_folder, "data");

    public static PostgresServer Start()
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException(NotInstalled);
        var folder = Directory.CreateTempSubdirectory("fullscript-bench-pg-").FullName;
        var server = new PostgresServer(binaries, folder, FreePort());
        if (server._asPostgresUser) Run("chown", "-R", "postgres:postgres", folder);
        server.Tool("initdb", "-D", server.DataFolder, "-U", "postgres", "--auth=trust", "--no-locale", "-E", "UTF8");
        server.Tool("pg_ctl", "start", "-w", "-t", "60", "-D", server.DataFolder, "-l", Path.Combine(folder, "server.log"), "-o",
            $"-k {folder} -p {server.Port} -c listen_addresses=127.0.0.1 -c max_connections=500");
        server.Tool("createdb", "-h", "127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "portal");
        return server;
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=portal";

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        return Directory.GetDirectories(root)
            .OrderByDescending(folder => int.TryParse(Path.GetFileName(folder), out var version) ? version : 0)
            .Select(folder => Path.Combine(folder, "bin"))
            .FirstOrDefault(bin => File.Exists(Path.Combine(bin, "initdb")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Tool(string tool, params string[] arguments)
    {
        var path = Path.Combine(_binaries, tool);
        if (_asPostgresUser) Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        else Run(path, arguments);
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {output.Result}{error.Result}");
    }

    public void Dispose()
    {
        try
        {
            Tool("pg_ctl", "stop", "-D", DataFolder, "-m", "fast", "-w");
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // The case is over; the OS temp cleaner takes what is left.
        }
    }
}
