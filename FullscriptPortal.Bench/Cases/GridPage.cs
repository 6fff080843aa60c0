using FullscriptPortal.Bench.Harness;
using FullscriptPortal.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Bench.Cases;

/// <summary>A page of the people grid of a 10,000-person clinic through the portal's own query service, against the same
/// page as one raw indexed SELECT on the same database.</summary>
internal sealed class GridPage : BenchCase
{
    private LargeClinic? _clinic;

    public override string Key => "grid-page";

    public override string Title => "A grid page of a 10,000-person clinic";

    public override string Shows => """
        A clinic of `--clinic-size` people (default 10,000: most Active with expiries over the next two hours, some failing,
        needing a reconnect, revoked or never connected) and its manager. Each view is asked of the portal's own service
        (`ConnectionDirectory.PageAsync` as the manager, as the grid asks for it: a first page before anything is counted,
        reading one row more to know whether more follow; a later page with the total the grid counted once for that
        filter) and, as the baseline, of SQLite as one raw SELECT of the same 25 rows through the same `DbContext` factory
        (their clinic's name and latest invite included, as the grid shows them), using the indexes the schema has
        (`AspNetUsers(ClinicId, DisplayName)`, `Connections(State, AccessTokenExpiresAt)`, `Invites(UserId)`). Everyone
        in the clinic joined through an invite. The count the grid makes once per filter, after its first page is on
        screen, is shown beside, against a raw `COUNT(*)`. Each figure is the median of 25 calls after 5 to warm up.
        """;

    public override IReadOnlyList<Goal> Goals =>
    [
        new("first grid page of a 10,000-person clinic, sorted by name", "raw-name", "portal-name", "ratio-name", 2, "at most 2x the raw page"),
        new("first grid page, filtered to Active, sorted by expiry", "raw-active", "portal-active", "ratio-active", 2, "at most 2x the raw page"),
        new("a deep grid page (101st of 10,000), filtered to Active, sorted by name", "raw-deep", "portal-deep", "ratio-deep", 2, "at most 2x the raw page"),
    ];

    public override async Task<IReadOnlyList<Figure>> RunOnceAsync(BenchContext context, int run)
    {
        _clinic ??= await LargeClinic.CreateAsync(context.Options.ClinicSize);
        var clinic = _clinic;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var figures = new List<Figure>();

        async Task<int> CountAsync(PeopleQuery query)
        {
            await using var scope = clinic.Host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ConnectionDirectory>().CountAsync(clinic.Manager, query);
        }

        async Task CompareAsync(string key, string label, PeopleQuery query, int? knownTotal, string rawSql)
        {
            var portal = await LargeClinic.MedianMsAsync(async () =>
            {
                await using var scope = clinic.Host.Services.CreateAsyncScope();
                var page = await scope.ServiceProvider.GetRequiredService<ConnectionDirectory>().PageAsync(clinic.Manager, query, knownTotal);
                if (page.Rows.Count != query.PageSize) throw new InvalidOperationException($"{label}: {page.Rows.Count} rows, not {query.PageSize}.");
                if (page.Rows.All(r => r.Invite is null)) throw new InvalidOperationException($"{label}: no row has its invite.");
            });
            var raw = await LargeClinic.MedianMsAsync(async () =>
            {
                var rows = await clinic.RawAsync(rawSql, ("$clinic", clinic.ClinicId), ("$now", now));
                if (rows != query.PageSize) throw new InvalidOperationException($"{label} (raw): {rows} rows, not {query.PageSize}.");
            });
            figures.Add(new($"raw-{key}", $"{label}: raw SELECT", raw, "ms"));
            figures.Add(new($"portal-{key}", $"{label}: the portal's query", portal, "ms"));
            figures.Add(new($"ratio-{key}", $"{label}: portal over raw", portal / raw, "x"));
        }

        // The row's columns, its clinic's name and its latest invite (by the invites' UserId index, for these rows only).
        const string columns = """
            SELECT u.Id, u.DisplayName, u.Email, r.Name, u.ClinicId, k.Name, c.ResourceOwnerId, c.State, c.AccessTokenExpiresAt,
                c.LastRefreshedAt, c.StateReason,
                (SELECT i.ExpiresAt || ' ' || ifnull(i.UsedAt, '') || ' ' || ifnull(i.CancelledAt, '') FROM Invites i
                 WHERE i.UserId = u.Id ORDER BY i.CreatedAt DESC LIMIT 1)
            """;
        var people = LargeClinic.PeopleOfClinic.Replace("LEFT JOIN Connections", "JOIN Clinics k ON k.Id = u.ClinicId LEFT JOIN Connections", StringComparison.Ordinal);
        const string active = " AND c.State = 'Active' AND c.AccessTokenExpiresAt > $now";
        await CompareAsync("name", "sorted by name, first page", new PeopleQuery(), null,
            columns + people + " ORDER BY u.DisplayName LIMIT 25");
        var activeQuery = new PeopleQuery(State: ConnectionState.Active, Sort: PeopleSort.Expiry);
        await CompareAsync("active", "Active, sorted by expiry, first page", activeQuery, null,
            columns + people + active + " ORDER BY c.AccessTokenExpiresAt LIMIT 25");
        var deep = context.Options.ClinicSize / 100; // a quarter of the way into the Active rows
        var deepQuery = new PeopleQuery(State: ConnectionState.Active, Page: deep);
        await CompareAsync("deep", $"Active, sorted by name, page {deep + 1}", deepQuery, await CountAsync(deepQuery),
            columns + people + active + $" ORDER BY u.DisplayName LIMIT 25 OFFSET {deep * 25}");

        // The count the grid makes once per filter, after its first page is on screen (not part of the page's time).
        var count = await LargeClinic.MedianMsAsync(() => CountAsync(activeQuery));
        var rawCount = await LargeClinic.MedianMsAsync(() => clinic.RawAsync("SELECT COUNT(*) " + LargeClinic.PeopleOfClinic + active, ("$clinic", clinic.ClinicId), ("$now", now)));
        figures.Add(new("raw-count", "Active: raw COUNT(*)", rawCount, "ms"));
        figures.Add(new("portal-count", "Active: the grid's count, once per filter after the first page", count, "ms"));
        return figures;
    }

    public override async ValueTask DisposeAsync()
    {
        _clinic?.Dispose();
        await base.DisposeAsync();
    }
}
