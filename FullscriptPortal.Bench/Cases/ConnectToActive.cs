using FullscriptPortal.Auth;
using FullscriptPortal.Bench.Harness;
using FullscriptPortal.Data;
using FullscriptPortal.Simulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Bench.Cases;

/// <summary>From Fullscript's redirect to the callback until the dashboard shows Active, with the simulator at 50 ms per
/// call, against the larger of a bare page's time to interactive and the provider's own time.</summary>
internal sealed class ConnectToActive : BenchCase
{
    private const int LatencyMs = 50;
    private const int Samples = 3;

    public override string Key => "connect";

    public override string Title => "Connect: from the callback to Active on screen";

    public override string Shows => """
        A practitioner of the demo clinic presses Connect in Chromium, picks their Fullscript user on the simulator's consent
        page and approves, with the simulator adding 50 ms to every API call. Measured from the
        moment Playwright reports the browser's request to `/oauth/fullscript/callback` (a few milliseconds after it left,
        so this flatters the portal slightly) until the connection card first shows Active (a MutationObserver the page
        runs from its first byte), both on the machine's wall clock. Baselines: a bare page's time to interactive
        (a signed-in `/not-found` opened a second time, so its scripts are cached as they are for the dashboard the
        callback lands on, from navigation start until its circuit has rendered) and the provider's own time (a
        bare token call, then the clinic with the new token, as the exchange does). Each run takes the median of 3 connects
        and 3 of each baseline; between connects the connection is deleted, so each is a first connect.
        """;

    public override IReadOnlyList<Goal> Goals =>
        [new("connect: callback to \"Active\" on screen, simulator at 50 ms per call", "baseline", "connect", "ratio", 1.2, "at most 1.2x the larger of a bare page's time to interactive and the provider's time")];

    public override async Task<IReadOnlyList<Figure>> RunOnceAsync(BenchContext context, int run)
    {
        using var host = new BenchHost();
        host.Faults.Latency = TimeSpan.FromMilliseconds(LatencyMs);
        var browser = await context.BrowserAsync();
        var person = (await BenchPeople.AddAsync(host, await BenchPeople.ClinicIdAsync(host, DemoSeed.Northside), 1, PortalRoles.Practitioner, BenchPeople.Connections.None, "connecting"))[0];
        var fullscriptUser = SimulatedDirectory.Users.First(u => u.Clinic == SimulatedDirectory.Northside && u.Email.StartsWith("dr.chen", StringComparison.Ordinal));

        var provider = new List<double>();
        using (var bare = new BareProvider(host))
        {
            foreach (var grant in await Seeder.SeedAsync(host, Samples + 1, withConnections: false, "provider"))
                provider.Add((await bare.TokenThenClinicAsync(grant.RefreshToken)).TotalMilliseconds);
        }
        provider.RemoveAt(0); // the first one warmed the path

        var interactive = new List<double>();
        for (var i = 0; i <= Samples; i++)
        {
            await using var page = await browser.OpenAsync(host.Address, await SignInCookies.ForAsync(host.Address, person.Email), "/not-found");
            await page.GotoAsync("/not-found"); // again, with the scripts cached, as the connect flow's page has them
            var at = await page.MarkAsync("__interactiveAt") ?? throw new InvalidOperationException("The page never marked itself interactive.");
            if (i > 0) interactive.Add(at - await page.Page.EvaluateAsync<double>("() => performance.timeOrigin"));
        }

        var connect = new List<double>();
        for (var i = 0; i <= Samples; i++)
        {
            await ForgetConnectionAsync(host, person.UserId);
            await using var page = await browser.OpenAsync(host.Address, await SignInCookies.ForAsync(host.Address, person.Email), "/");
            double? callbackAt = null;
            page.Page.Request += (_, request) =>
            {
                // The moment Playwright hears of the request, on the machine's wall clock (the page's Date.now() too).
                if (request.Url.Contains("/oauth/fullscript/callback", StringComparison.Ordinal)) callbackAt ??= DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            };
            await page.Page.ClickAsync("[data-testid=connect-button]");
            await page.Page.WaitForURLAsync("**/simulator/api/oauth/authorize**");
            await page.Page.CheckAsync($"input[value=\"{fullscriptUser.Id}\"]");
            await page.Page.ClickAsync("button[value=approve]");
            await page.Page.WaitForSelectorAsync("[data-testid=connection-card][data-state=Active]", new() { Timeout = 30_000 });
            var activeAt = await page.MarkAsync("__activeAt") ?? throw new InvalidOperationException("The card never marked Active.");
            var started = callbackAt ?? throw new InvalidOperationException("The browser never requested the callback.");
            if (i > 0) connect.Add(activeAt - started);
        }

        var providerMs = Spread.MedianOf(provider);
        var interactiveMs = Spread.MedianOf(interactive);
        var connectMs = Spread.MedianOf(connect);
        var baseline = Math.Max(providerMs, interactiveMs);
        return
        [
            new("provider", "the provider's own time (token call, then the clinic)", providerMs, "ms"),
            new("interactive", "a bare page's time to interactive (/not-found)", interactiveMs, "ms"),
            new("baseline", "the larger of the two", baseline, "ms"),
            new("connect", "callback to Active on screen", connectMs, "ms"),
            new("portal", "of which beyond the provider's time", connectMs - providerMs, "ms"),
            new("ratio", "callback to Active over the baseline", connectMs / baseline, "x"),
        ];
    }

    /// <summary>The next connect is a first connect again: no connection, no pending authorization.</summary>
    private static async Task ForgetConnectionAsync(BenchHost host, string userId)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Connections.Where(c => c.UserId == userId).ExecuteDeleteAsync();
        await db.PendingAuthorizations.Where(p => p.UserId == userId).ExecuteDeleteAsync();
    }
}
