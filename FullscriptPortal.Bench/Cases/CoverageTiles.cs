using FullscriptPortal.Bench.Harness;
using FullscriptPortal.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Bench.Cases;

/// <summary>The coverage tiles and expiry chart a /clinic load asks for, against one raw grouped count.</summary>
internal sealed class CoverageTiles : BenchCase
{
    private LargeClinic? _clinic;

    public override string Key => "coverage";

    public override string Title => "Coverage tiles and expiry chart of a 10,000-person clinic";

    public override string Shows => """
        The same clinic as the grid case. The portal's own service (`ConnectionDirectory.CoverageAsync` as the manager:
        the tiles' counts and the chart's 15-minute expiry slots) against, as the baseline, one raw grouped count through
        the same `DbContext` factory that returns everything both need (people by connection state, whether the token
        still works, and the expiry slot). Each figure is the median of 25 calls after 5 to warm up.
        """;

    public override IReadOnlyList<Goal> Goals =>
        [new("the clinic's coverage tiles and expiry chart on each `/clinic` load", "raw", "portal", "ratio", 2, "at most 2x a raw grouped count")];

    public override async Task<IReadOnlyList<Figure>> RunOnceAsync(BenchContext context, int run)
    {
        _clinic ??= await LargeClinic.CreateAsync(context.Options.ClinicSize);
        var clinic = _clinic;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var portal = await LargeClinic.MedianMsAsync(async () =>
        {
            await using var scope = clinic.Host.Services.CreateAsyncScope();
            var coverage = await scope.ServiceProvider.GetRequiredService<ConnectionDirectory>().CoverageAsync(clinic.Manager);
            if (coverage.People < context.Options.ClinicSize) throw new InvalidOperationException($"Coverage counted {coverage.People} people.");
        });
        var raw = await LargeClinic.MedianMsAsync(() => clinic.RawAsync(
            "SELECT c.State, c.AccessTokenExpiresAt > $now AS live, MIN(MAX((c.AccessTokenExpiresAt - $now) / 900000, 0), 8) AS slot, COUNT(*) "
            + LargeClinic.PeopleOfClinic + " GROUP BY 1, 2, 3",
            ("$clinic", clinic.ClinicId), ("$now", now)));
        return
        [
            new("raw", "one raw grouped count", raw, "ms"),
            new("portal", "the portal's coverage", portal, "ms"),
            new("ratio", "portal over raw", portal / raw, "x"),
        ];
    }

    public override async ValueTask DisposeAsync()
    {
        _clinic?.Dispose();
        await base.DisposeAsync();
    }
}
