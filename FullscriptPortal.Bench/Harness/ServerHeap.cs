using FullscriptPortal.Components.Circuits;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Bench.Harness;

/// <summary>The managed heap of the process the portal runs in, after full blocking collections, and a wait for circuits
/// to end.</summary>
internal static class ServerHeap
{
    public static long AfterFullCollection()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Waits (up to 30 s) until none of <paramref name="userIds"/> holds an open circuit.</summary>
    public static async Task WaitForCircuitsClosedAsync(BenchHost host, IEnumerable<string> userIds)
    {
        var circuits = host.Services.GetRequiredService<CircuitsPerUser>();
        var ids = userIds.ToList();
        for (var i = 0; i < 300 && ids.Any(id => circuits.OpenFor(id) > 0); i++) await Task.Delay(100);
        var open = ids.Sum(circuits.OpenFor);
        if (open > 0) throw new InvalidOperationException($"{open} circuits were still open 30 s after their pages left.");
    }
}
