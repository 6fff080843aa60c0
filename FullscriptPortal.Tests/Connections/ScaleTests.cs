using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Connections;

/// <summary>A clinic of 10,000: the grid's queries page, filter and count in the database and stay correct. (How fast is a
/// benchmark's business, not a test's.)</summary>
public sealed class ScaleTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    [Fact]
    public async Task A_clinic_of_ten_thousand_is_paged_filtered_and_counted_in_the_database()
    {
        using var manager = _factory.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        await SeedAsync(10_000);

        var principal = await manager.PrincipalAsync();
        var (page, active, search, coverage) = await _factory.InScopeAsync<ConnectionDirectory, (PeoplePage, PeoplePage, PeoplePage, Coverage)>(async directory => (
            await directory.QueryAsync(principal, new PeopleQuery(Page: 3, PageSize: 25)),
            await directory.QueryAsync(principal, new PeopleQuery(State: ConnectionState.Active, PageSize: 10)),
            await directory.QueryAsync(principal, new PeopleQuery("Person 07777")),
            await directory.CoverageAsync(principal)));

        page.Total.Should().Be(10_002, "the seeded people and the demo practitioner and staff member");
        page.Rows.Should().HaveCount(25);
        page.Rows.Select(r => r.DisplayName).Should().BeInAscendingOrder(StringComparer.Ordinal);
        active.Total.Should().Be(5_000);
        active.Rows.Should().OnlyContain(r => r.Connection!.StoredState == ConnectionState.Active);
        search.Rows.Should().ContainSingle().Which.Email.Should().Be("person07777@northside.test");
        coverage.People.Should().Be(10_002);
        coverage.Connected.Should().Be(5_000);
        coverage.ExpiriesPerQuarterHour.Sum().Should().Be(5_000);
    }

    private async Task SeedAsync(int count)
    {
        await _factory.InScopeAsync<Microsoft.EntityFrameworkCore.IDbContextFactory<FullscriptPortal.Data.PortalDbContext>, bool>(async dbs =>
        {
            await using var db = await dbs.CreateDbContextAsync();
            var clinicId = await db.Clinics.Where(c => c.Name == DemoSeed.Northside).Select(c => c.Id).SingleAsync();
            var roleId = await db.Roles.Where(r => r.Name == PortalRoles.Practitioner).Select(r => r.Id).SingleAsync();
            var now = _factory.Time.GetUtcNow();
            for (var i = 0; i < count; i++)
            {
                var email = $"person{i:00000}@northside.test";
                var user = new PortalUser
                {
                    Id = Guid.NewGuid().ToString(),
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    DisplayName = $"Person {i:00000}",
                    ClinicId = clinicId,
                    SecurityStamp = Guid.NewGuid().ToString(),
                };
                db.Users.Add(user);
                db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
                if (i % 2 == 0)
                {
                    db.Connections.Add(new FullscriptConnection
                    {
                        Id = Guid.NewGuid(),
                        UserId = user.Id,
                        ServerKey = "simulator",
                        State = ConnectionState.Active,
                        ResourceOwnerId = $"owner-{i}",
                        ResourceOwnerType = "Practitioner",
                        TokenCreatedAt = now,
                        ExpiresInSeconds = 7200,
                        AccessTokenExpiresAt = now.AddMinutes(1 + (i % 119)),
                        ConnectedAt = now,
                        UpdatedAt = now,
                        AccessTokenProtected = "x",
                        RefreshTokenProtected = "x",
                    });
                }
            }
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await db.SaveChangesAsync();
            return true;
        });
    }

    public void Dispose() => _factory.Dispose();
}
