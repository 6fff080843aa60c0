using System.Diagnostics;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>The portal as its own operating-system process (<c>dotnet FullscriptPortal.dll</c>), so a test can kill it
/// outright and start it again on the same files.</summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;

    private PortalProcess(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    /// <summary>The operating-system process id (the start of the portal's instance id, which leases are taken in).</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The portal built beside these tests (same configuration and framework folders).</summary>
    private static string PortalDll
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.GetFullPath(Path.Combine(output.FullName, "..", "..", "..", "..", "FullscriptPortal", "bin", output.Parent!.Name, output.Name, "FullscriptPortal.dll"));
        }
    }

    /// <summary>Starts the portal on a port the operating system picks, and returns once it answers there. The address
    /// is read from the process's own "Now listening on" line: a port chosen beforehand could be taken meanwhile by
    /// another test's server, which would then answer in the process's place.</summary>
    public static async Task<PortalProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(PortalDll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { PortalDll, "--urls", "http://127.0.0.1:0", "--environment", "Development" }) start.ArgumentList.Add(argument);
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            const string marker = "Now listening on: ";
            if (line.Data?.IndexOf(marker, StringComparison.Ordinal) is >= 0 and var at) listening.TrySetResult(new Uri(line.Data[(at + marker.Length)..].Trim()));
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var http = new HttpClient();
            (await http.GetAsync(new Uri(address, "/health"))).EnsureSuccessStatusCode();
            return new PortalProcess(process, address);
        }
        catch (Exception)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
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
