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

    /// <summary>Waits (up to a minute) until none of <paramref name="userIds"/> holds an open circuit; returns how many
    /// are still open then (a page whose unload never reached the server keeps its circuit for the retention period).</summary>
    public static async Task<int> WaitForCircuitsClosedAsync(BenchHost host, IEnumerable<string> userIds)
    {
        var circuits = host.Services.GetRequiredService<CircuitsPerUser>();
        var ids = userIds.ToList();
        for (var i = 0; i < 600 && ids.Any(id => circuits.OpenFor(id) > 0); i++) await Task.Delay(100);
        var open = ids.Sum(circuits.OpenFor);
        if (open > 0) BenchContext.Log($"{open} circuits still open a minute after their pages left");
        return open;
    }
}
