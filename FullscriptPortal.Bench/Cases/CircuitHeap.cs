using FullscriptPortal.Auth;
using FullscriptPortal.Bench.Browser;
using FullscriptPortal.Bench.Harness;

namespace FullscriptPortal.Bench.Cases;

/// <summary>The server heap one manager's circuit on /clinic holds, against a circuit of a near-empty page.</summary>
internal sealed class CircuitHeap : BenchCase
{
    public override string Key => "circuit-heap";

    public override string Title => "Server heap per manager circuit on /clinic";

    public override string Shows => """
        `--heap-circuits` (default 30) managers of a 60-person clinic open `/clinic` (25 rows shown) in Chromium; the same
        managers first open `/not-found` (the layout and one line: a near-empty page's circuit). For each, the managed heap
        of the process after full blocking collections, with every circuit open, minus the heap before they opened, divided
        by the number of circuits. Two pages of each kind are opened and closed first, so what all circuits share (JIT,
        caches) is not counted. The bench's own Playwright objects per page are in the same heap and count equally on both
        sides. A page whose unload never reached the server (it happens on a loaded machine) keeps its circuit; such
        circuits are counted, and are in the heap both before and after the next kind opens.
        """;

    public override IReadOnlyList<Goal> Goals =>
        [new("server heap per manager circuit on `/clinic` (25 rows shown)", "empty", "clinic", "ratio", 3, "at most 3x")];

    public override async Task<IReadOnlyList<Figure>> RunOnceAsync(BenchContext context, int run)
    {
        var n = context.Options.HeapCircuits;
        using var host = new BenchHost();
        var clinicId = await BenchPeople.AddClinicAsync(host, "Heap");
        await BenchPeople.AddAsync(host, clinicId, 60, PortalRoles.Practitioner, BenchPeople.Connections.Mixed, "heap-staff");
        var managers = await BenchPeople.AddAsync(host, clinicId, n, PortalRoles.ClinicManager, BenchPeople.Connections.None, "heap-manager");
        var emails = managers.Select(m => m.Email).ToList();
        var ids = managers.Select(m => m.UserId).ToList();

        foreach (var path in new[] { "/not-found", "/clinic" })
        {
            await using var warm = await PageSet.OpenAsync(context, host, emails.Take(2), path);
            await warm.LeaveAsync();
        }
        await ServerHeap.WaitForCircuitsClosedAsync(host, ids);

        var (empty, lingeringEmpty) = await PerCircuitAsync(context, host, emails, ids, "/not-found");
        var (clinic, lingeringClinic) = await PerCircuitAsync(context, host, emails, ids, "/clinic");
        return
        [
            new("lingering", "circuits still open a minute after their pages left (their unload was lost)", lingeringEmpty + lingeringClinic),
            new("empty", "heap per circuit of a near-empty page (/not-found)", empty / 1024, "KB"),
            new("clinic", "heap per manager circuit on /clinic", clinic / 1024, "KB"),
            new("ratio", "/clinic over the near-empty page", clinic / empty, "x"),
        ];
    }

    private static async Task<(double PerCircuit, int Lingering)> PerCircuitAsync(BenchContext context, BenchHost host, List<string> emails, List<string> ids, string path)
    {
        var before = ServerHeap.AfterFullCollection();
        await using var pages = await PageSet.OpenAsync(context, host, emails, path);
        await Task.Delay(TimeSpan.FromSeconds(3)); // let first-render work (queries, JS interop) settle
        var open = ServerHeap.AfterFullCollection();
        await pages.LeaveAsync();
        var lingering = await ServerHeap.WaitForCircuitsClosedAsync(host, ids);
        BenchContext.Log($"circuit-heap: {path}: {before / 1024:N0} KB before, {open / 1024:N0} KB with {emails.Count} circuits");
        return ((double)(open - before) / emails.Count, lingering);
    }
}
