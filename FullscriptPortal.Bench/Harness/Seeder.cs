using FullscriptPortal.Auth;
using FullscriptPortal.Connect;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Bench.Harness;

/// <summary>Grants at the simulator and matching portal connections, written straight to both databases: what thousands of
/// connect flows would leave behind, without running them.</summary>
internal static class Seeder
{
    public sealed record SeededGrant(Guid ConnectionId, Guid GrantId, string RefreshToken);

    /// <summary>Simulator grants whose refresh tokens are known (for bare calls), optionally with portal connections whose
    /// access token expired an hour ago (or, with <paramref name="due"/> false, expires in an hour: see
    /// <see cref="MakeDueAsync"/>).</summary>
    /// <param name="host">The host whose simulator holds the grants (and whose database the connections, unless
    /// <paramref name="portalHost"/> is given).</param>
    /// <param name="count">How many.</param>
    /// <param name="withConnections">Whether each grant gets a portal connection (and a person who can sign in).</param>
    /// <param name="prefix">Starts each person's email.</param>
    /// <param name="due">Whether the connections' access tokens have run out already.</param>
    /// <param name="portalHost">Another host whose database takes the connections (an instance calling
    /// <paramref name="host"/>'s simulator).</param>
    public static async Task<List<SeededGrant>> SeedAsync(BenchHost host, int count, bool withConnections, string prefix, bool due = true, BenchHost? portalHost = null)
    {
        using var scope = host.Services.CreateScope();
        using var portalScope = (portalHost ?? host).Services.CreateScope();
        var simulator = scope.ServiceProvider.GetRequiredService<SimulatorDbContext>();
        var portal = await portalScope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var protector = portalScope.ServiceProvider.GetRequiredService<TokenProtector>();
        var clientId = scope.ServiceProvider.GetRequiredService<SimulatedFullscript>().Options.ClientId;
        var owner = SimulatedDirectory.Users[0];
        var clinicId = await portal.Clinics.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var roleId = await portal.Roles.Where(r => r.Name == PortalRoles.Practitioner).Select(r => r.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var hash = withConnections ? BenchPeople.PasswordHash(portalScope.ServiceProvider) : null;
        var seeded = new List<SeededGrant>(count);
        for (var i = 0; i < count; i++)
        {
            var grant = new SimGrant { Id = Guid.NewGuid(), ClientId = clientId, UserId = owner.Id, Scope = "catalog:read", CreatedAt = now.AddHours(-3) };
            var refresh = OAuthSecrets.NewRandomValue();
            simulator.Grants.Add(grant);
            simulator.Tokens.Add(new SimToken { TokenHash = OAuthSecrets.Hash(refresh), GrantId = grant.Id, Kind = SimTokenKind.Refresh, IssuedAt = grant.CreatedAt });
            var connectionId = Guid.Empty;
            if (withConnections)
            {
                var email = $"{prefix}{i:00000}@bench.test";
                var user = new PortalUser
                {
                    Id = Guid.NewGuid().ToString(),
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    DisplayName = $"Bench {i:00000}",
                    EmailConfirmed = true,
                    PasswordHash = hash,
                    ClinicId = clinicId,
                    SecurityStamp = Guid.NewGuid().ToString(),
                };
                portal.Users.Add(user);
                portal.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
                connectionId = Guid.NewGuid();
                portal.Connections.Add(new FullscriptConnection
                {
                    Id = connectionId,
                    UserId = user.Id,
                    ServerKey = "simulator",
                    State = ConnectionState.Active,
                    ResourceOwnerId = $"{owner.Id}#{i}",
                    ResourceOwnerType = owner.Type,
                    TokenCreatedAt = now.AddHours(-3),
                    ExpiresInSeconds = 7200,
                    AccessTokenExpiresAt = due ? now.AddHours(-1) : now.AddHours(1),
                    ConnectedAt = now.AddHours(-3),
                    UpdatedAt = now,
                    AccessTokenProtected = protector.Protect("expired"),
                    RefreshTokenProtected = protector.Protect(refresh),
                });
            }
            seeded.Add(new SeededGrant(connectionId, grant.Id, refresh));
        }
        simulator.ChangeTracker.AutoDetectChangesEnabled = false;
        portal.ChangeTracker.AutoDetectChangesEnabled = false;
        await simulator.SaveChangesAsync();
        await portal.SaveChangesAsync();
        await portal.DisposeAsync();
        return seeded;
    }

    /// <summary>Lets the access tokens of <paramref name="grants"/>' connections run out now, so neither the worker nor
    /// anything else refreshed them while the bare passes ran.</summary>
    public static async Task MakeDueAsync(BenchHost host, IReadOnlyList<SeededGrant> grants)
    {
        await using var portal = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var ids = grants.Select(g => g.ConnectionId).ToList();
        var expired = DateTimeOffset.UtcNow.AddHours(-1);
        foreach (var chunk in ids.Chunk(500))
            await portal.Connections.Where(c => chunk.Contains(c.Id)).ExecuteUpdateAsync(c => c.SetProperty(x => x.AccessTokenExpiresAt, expired));
    }
}
