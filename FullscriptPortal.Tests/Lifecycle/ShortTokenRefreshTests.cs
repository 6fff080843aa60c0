using FullscriptPortal.Data;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;

namespace FullscriptPortal.Tests.Lifecycle;

/// <summary>The README's way to watch expiry (<c>--Simulator:AccessTokenLifetime=00:02:00</c>) with the default margins:
/// the countdown runs low, the token is refreshed, and the countdown starts again. Its own portal, for the setting.</summary>
public abstract class ShortTokenRefreshTests(StoreProvider provider) : IDisposable
{
    private readonly PortalFactory _factory = new PortalFactory().On(provider);

    [Fact]
    public async Task A_two_minute_token_runs_low_before_the_worker_refreshes_it_and_then_starts_again()
    {
        _factory.Settings["Simulator:AccessTokenLifetime"] = "00:02:00";
        using var browser = _factory.NewSession();
        var id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;

        (await _factory.SweepAsync()).ProactiveRefreshes.Should().Be(0, "a token with two minutes to live is not due yet");
        (await _factory.AccessTokenAsync(id)).Outcome.Result.Should().Be(RefreshResult.NotNeeded, "using it does not renew it either");
        _factory.Time.Advance(TimeSpan.FromSeconds(85)); // 35 seconds left
        (await _factory.SweepAsync()).ProactiveRefreshes.Should().Be(0, "the countdown is still running");
        (await _factory.ConnectionOfIdAsync(id)).LastRefreshedAt.Should().BeNull();

        _factory.Time.Advance(TimeSpan.FromSeconds(15)); // 20 seconds left: within the scaled margin whatever the jitter
        (await _factory.SweepAsync()).ProactiveRefreshes.Should().Be(1);
        var renewed = await _factory.ConnectionOfIdAsync(id);
        renewed.LastRefreshedAt.Should().Be(_factory.Time.GetUtcNow());
        renewed.AccessTokenExpiresAt.Should().Be(_factory.Time.GetUtcNow().AddMinutes(2), "the countdown starts again from two minutes");

        (await _factory.SweepAsync()).ProactiveRefreshes.Should().Be(0, "the fresh token is left to run down in its turn");
        _factory.Time.Advance(TimeSpan.FromSeconds(100));
        (await _factory.SweepAsync()).ProactiveRefreshes.Should().Be(1);
    }

    public void Dispose()
    {
        _factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class ShortTokenRefreshTestsOnSqlite() : ShortTokenRefreshTests(StoreProvider.Sqlite);

public sealed class ShortTokenRefreshTestsOnPostgres() : ShortTokenRefreshTests(StoreProvider.Postgres);
