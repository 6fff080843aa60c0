using FullscriptPortal.Connect;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Lifecycle;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Infrastructure;

public static class DemoPeople
{
    public const string DrLee = "dr.lee@northside.test";
    public const string SamFront = "sam.front@northside.test";
    public const string DrPatel = "dr.patel@lakeview.test";
    public const string Manager = "manager@northside.test";
    public const string Support = "support@portal.test";

    public static string FullscriptIdOf(string email) => SimulatedDirectory.Users.Single(u => u.Email == email).Id;
}

public static class PortalFactoryExtensions
{
    public const string RealRedirectUri = "https://portal.example.com/oauth/fullscript/callback";

    /// <summary>Settings of a deployment on a real Fullscript server (unreachable from tests: only what the portal sends
    /// there, or refuses to, is observed).</summary>
    public static void UseRealServer(this IDictionary<string, string?> settings, string server, string clientId)
    {
        settings["Fullscript:Server"] = server;
        settings["Fullscript:ClientId"] = clientId;
        settings["Fullscript:ClientSecret"] = clientId + "-secret";
        settings["Fullscript:RedirectUri"] = RealRedirectUri;
    }

    public static async Task<T> QueryAsync<T>(this PortalFactory factory, Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public static async Task<T> InScopeAsync<TService, T>(this PortalFactory factory, Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>What a practitioner does inside Fullscript: revokes the app. The portal is not told.</summary>
    public static async Task RevokeInsideFullscriptAsync(this PortalFactory factory, string? fullscriptUserName = null)
    {
        var grant = (await factory.SimulatorGrantsAsync()).Single(g => g.RevokedAt == null && (fullscriptUserName is null || g.UserName == fullscriptUserName));
        await factory.InScopeAsync<SimulatedFullscript, bool>(async simulator =>
        {
            await simulator.RevokeGrantAsync(grant.Id, "revoked by the user inside Fullscript", default);
            return true;
        });
    }

    public static SimulatorFaults Faults(this PortalFactory factory) => factory.Services.GetRequiredService<SimulatorFaults>();

    public static Task<SweepReport> SweepAsync(this PortalFactory factory) =>
        factory.InScopeAsync<LifecycleSweep, SweepReport>(sweep => sweep.RunOnceAsync(CancellationToken.None));

    public static Task<(string? AccessToken, RefreshOutcome Outcome)> AccessTokenAsync(this PortalFactory factory, Guid connectionId) =>
        factory.InScopeAsync<ConnectionTokens, (string?, RefreshOutcome)>(tokens => tokens.GetAccessTokenAsync(connectionId, "test", CancellationToken.None));

    /// <summary>The plain refresh token the portal holds for a connection (decrypted, for comparisons only).</summary>
    public static async Task<string?> StoredRefreshTokenAsync(this PortalFactory factory, Guid connectionId)
    {
        var stored = await factory.QueryAsync(db => db.Connections.Where(c => c.Id == connectionId).Select(c => c.RefreshTokenProtected).SingleAsync());
        return stored is null ? null : factory.Services.GetRequiredService<TokenProtector>().Unprotect(stored);
    }

    public static async Task<IReadOnlyList<SimGrantView>> SimulatorGrantsAsync(this PortalFactory factory) =>
        await factory.InScopeAsync<SimulatedFullscript, IReadOnlyList<SimGrantView>>(simulator => simulator.ListGrantsAsync(CancellationToken.None));

    /// <summary>The portal holds exactly the refresh token the simulator would still accept for this connection's grant.</summary>
    public static async Task AssertHoldsLiveRefreshTokenAsync(this PortalFactory factory, Guid connectionId)
    {
        var stored = await factory.StoredRefreshTokenAsync(connectionId);
        var owner = (await factory.ConnectionOfIdAsync(connectionId)).ResourceOwnerId;
        var grant = (await factory.SimulatorGrantsAsync()).Single(g => g.RevokedAt == null && FullscriptPortal.Simulator.SimulatedDirectory.Users.Single(u => u.Name == g.UserName).Id == owner);
        var latest = await factory.InScopeAsync<FullscriptPortal.Simulator.SimulatedFullscript, string?>(s => s.LiveRefreshTokenHashAsync(grant.Id, default));
        OAuthSecrets.Hash(stored!).Should().Be(latest, "the portal holds the newest refresh token Fullscript issued, and it is still accepted");
    }

    public static Task<FullscriptConnection> ConnectionOfIdAsync(this PortalFactory factory, Guid connectionId) =>
        factory.QueryAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.Id == connectionId));

    public static Task<FullscriptConnection?> ConnectionOfAsync(this PortalFactory factory, string userId) =>
        factory.QueryAsync(db => db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId));
}
