using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>The portal as its own operating-system process (<c>dotnet FullscriptPortal.dll</c>), so a test can kill it
/// outright and start it again on the same files.</summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;

    private PortalProcess(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The portal built beside these tests (same configuration and framework folders).</summary>
    private static string PortalDll
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.GetFullPath(Path.Combine(output.FullName, "..", "..", "..", "..", "FullscriptPortal", "bin", output.Parent!.Name, output.Name, "FullscriptPortal.dll"));
        }
    }

    public static async Task<PortalProcess> StartAsync(int port, IReadOnlyDictionary<string, string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(PortalDll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { PortalDll, "--urls", address.AbsoluteUri.TrimEnd('/'), "--environment", "Development" }) start.ArgumentList.Add(argument);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"The portal process exited with {process.ExitCode} before it listened.");
            try
            {
                if ((await http.GetAsync(new Uri(address, "/health"))).IsSuccessStatusCode) return new PortalProcess(process, address);
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The portal process did not answer /health within 30 seconds.");
    }

    /// <summary>Ends the process at once, as a power cut or an OOM kill would: no shutdown, no flush.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
