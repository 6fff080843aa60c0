using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Bench.Harness;

/// <summary>People who can sign in (all with <see cref="Password"/>), written straight to the portal's database: a clinic,
/// its members in one role, and, when asked, a connection for each in the mix a real clinic has.</summary>
internal static class BenchPeople
{
    public const string Password = DemoSeed.Password;

    public sealed record Person(string UserId, string Email, int ClinicId, Guid? ConnectionId);

    /// <summary>What each person's connection looks like.</summary>
    public enum Connections
    {
        /// <summary>Nobody connected.</summary>
        None,

        /// <summary>Everyone Active, the access token good for another 90 minutes (nothing due for the worker).</summary>
        Active,

        /// <summary>A clinic's mix: most Active with expiries spread over two hours, some expired, failing, needing a
        /// reconnect, revoked or never connected;
        /// none due for the worker while the bench runs.</summary>
        Mixed,
    }

    public static async Task<int> AddClinicAsync(BenchHost host, string name)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var clinic = new Clinic { Name = name };
        db.Clinics.Add(clinic);
        await db.SaveChangesAsync();
        return clinic.Id;
    }

    public static async Task<int> ClinicIdAsync(BenchHost host, string name)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Clinics.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }

    public static async Task<List<Person>> AddAsync(BenchHost host, int clinicId, int count, string role, Connections connections, string prefix)
    {
        using var scope = host.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var protector = scope.ServiceProvider.GetRequiredService<TokenProtector>();
        var hash = PasswordHash(scope.ServiceProvider);
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var people = new List<Person>(count);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < count; i++)
        {
            var email = $"{prefix}{i:00000}@bench.test";
            var user = new PortalUser
            {
                Id = Guid.NewGuid().ToString(),
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = hash,
                // Names spread over the alphabet, so sorting by name has work to do.
                DisplayName = $"{(char)('A' + (i * 7 % 26))}{prefix} Person {i:00000}",
                ClinicId = clinicId,
                SecurityStamp = Guid.NewGuid().ToString(),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
            var connection = ConnectionFor(user.Id, i, connections, now, protector);
            if (connection is not null) db.Connections.Add(connection);
            // A clinic's people joined through invites: used by those who connected, still open (or run out) for the rest.
            if (connections == Connections.Mixed) db.Invites.Add(InviteFor(user.Id, i, used: connection is not null, now));
            people.Add(new Person(user.Id, email, clinicId, connection?.Id));
        }
        await db.SaveChangesAsync();
        return people;
    }

    /// <summary>One hash of <see cref="Password"/> for everyone: the portal's own hasher at its deployed cost, computed
    /// once per seeding instead of once per person.</summary>
    public static string PasswordHash(IServiceProvider services) =>
        services.GetRequiredService<IPasswordHasher<PortalUser>>().HashPassword(new PortalUser { DisplayName = "" }, Password);

    private static FullscriptPortal.Clinics.Invite InviteFor(string userId, int i, bool used, DateTimeOffset now)
    {
        var createdAt = now.AddDays(-(i % 10));
        return new()
        {
            Id = Guid.NewGuid(),
            TokenHash = Convert.ToHexString(Guid.NewGuid().ToByteArray()),
            UserId = userId,
            CreatedByUserId = userId,
            CreatedAt = createdAt,
            ExpiresAt = createdAt + FullscriptPortal.Clinics.Invite.Lifetime,
            UsedAt = used ? createdAt.AddHours(1) : null,
        };
    }

    private static FullscriptConnection? ConnectionFor(string userId, int i, Connections connections, DateTimeOffset now, TokenProtector protector)
    {
        if (connections == Connections.None) return null;
        var (state, expiresAt) = connections == Connections.Active
            ? (ConnectionState.Active, now.AddMinutes(90))
            : (i % 20) switch
            {
                0 or 1 => (ConnectionState.NotConnected, now),
                2 => (ConnectionState.NeedsReconnect, now.AddHours(-3)),
                3 => (ConnectionState.RefreshFailing, now.AddMinutes(5)),
                4 => (ConnectionState.Revoked, now.AddDays(-1)),
                _ => (ConnectionState.Active, now.AddMinutes(20 + (i % 100))),
            };
        if (state == ConnectionState.NotConnected) return null;
        return new FullscriptConnection
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            ServerKey = "simulator",
            State = state,
            ResourceOwnerId = $"bench-{userId}",
            ResourceOwnerType = "Practitioner",
            TokenCreatedAt = expiresAt.AddHours(-2),
            ExpiresInSeconds = 7200,
            AccessTokenExpiresAt = expiresAt,
            ConnectedAt = now.AddDays(-1),
            LastRefreshedAt = expiresAt.AddHours(-2),
            LastProbedAt = now,
            UpdatedAt = now,
            NextRefreshAttemptAt = state == ConnectionState.RefreshFailing ? now.AddHours(1) : null,
            FirstFailureAt = state == ConnectionState.RefreshFailing ? now.AddMinutes(-5) : null,
            ConsecutiveFailures = state == ConnectionState.RefreshFailing ? 1 : 0,
            AccessTokenProtected = state == ConnectionState.Revoked ? null : protector.Protect("bench-access"),
            RefreshTokenProtected = state is ConnectionState.NeedsReconnect or ConnectionState.Revoked ? null : protector.Protect("bench-refresh"),
        };
    }
}
