using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Connections;

/// <summary>A clinic of 10,000: the grid's queries page, filter and count in the database and stay correct. (How fast is a
/// benchmark's business, not a test's.)</summary>
[Collection(SharedPortal.People)]
public sealed class ScaleTests(PortalFactory factory) : IAsyncLifetime
{
    [Fact]
    public async Task A_clinic_of_ten_thousand_is_paged_filtered_and_counted_in_the_database()
    {
        using var manager = factory.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        await SeedAsync(10_000);

        var principal = await manager.PrincipalAsync();
        var (page, active, search, coverage) = await factory.InScopeAsync<ConnectionDirectory, (PeoplePage, PeoplePage, PeoplePage, Coverage)>(async directory => (
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

    [Fact]
    public async Task Active_people_sorted_by_expiry_page_in_order_either_way_without_a_count()
    {
        using var manager = factory.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        await SeedAsync(10_000);
        var principal = await manager.PrincipalAsync();

        var (first, second, last) = await factory.InScopeAsync<ConnectionDirectory, (PeoplePage, PeoplePage, PeoplePage)>(async directory => (
            await directory.PageAsync(principal, new PeopleQuery(State: ConnectionState.Active, Sort: PeopleSort.Expiry), knownTotal: null),
            await directory.PageAsync(principal, new PeopleQuery(State: ConnectionState.Active, Sort: PeopleSort.Expiry, Page: 1), knownTotal: 5_000),
            await directory.PageAsync(principal, new PeopleQuery(State: ConnectionState.Active, Sort: PeopleSort.Expiry, Descending: true), knownTotal: null)));

        first.TotalKnown.Should().BeFalse("the first page is shown before anything is counted");
        first.Total.Should().Be(26, "one row past the page says more follow");
        var ascending = first.Rows.Concat(second.Rows).Select(r => r.Connection!.AccessTokenExpiresAt).ToList();
        ascending.Should().HaveCount(50).And.BeInAscendingOrder();
        first.Rows.Select(r => r.UserId).Should().NotIntersectWith(second.Rows.Select(r => r.UserId));
        first.Rows.Concat(last.Rows).Should().OnlyContain(r => r.Connection!.StoredState == ConnectionState.Active);
        last.Rows.Select(r => r.Connection!.AccessTokenExpiresAt).Should().BeInDescendingOrder();
        last.Rows[0].Connection!.AccessTokenExpiresAt.Should().BeAfter(ascending[^1]);
    }

    /// <summary>Seeds in SQL, three statements in one transaction: through EF Core, 25,000 tracked rows took most of this
    /// test's time, and how they get there is not what it checks.</summary>
    private async Task SeedAsync(int count)
    {
        await factory.InScopeAsync<IDbContextFactory<PortalDbContext>, bool>(async dbs =>
        {
            await using var db = await dbs.CreateDbContextAsync();
            var clinicId = await db.Clinics.Where(c => c.Name == DemoSeed.Northside).Select(c => c.Id).SingleAsync();
            var roleId = await db.Roles.Where(r => r.Name == PortalRoles.Practitioner).Select(r => r.Id).SingleAsync();
            var now = factory.Time.GetUtcNow().ToUnixTimeMilliseconds();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"""
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {count})
                INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp, PhoneNumberConfirmed,
                    TwoFactorEnabled, LockoutEnabled, AccessFailedCount, DisplayName, ClinicId)
                SELECT 'person-' || i, e, upper(e), e, upper(e), 0, hex(randomblob(16)), 0, 0, 0, 0, 'Person ' || printf('%05d', i), {clinicId}
                FROM (SELECT i, 'person' || printf('%05d', i) || '@northside.test' AS e FROM n)
                """);
            await db.Database.ExecuteSqlAsync($"INSERT INTO AspNetUserRoles (UserId, RoleId) SELECT Id, {roleId} FROM AspNetUsers WHERE Id LIKE 'person-%'");
            // Every other person is connected, their access tokens expiring 1 to 119 minutes from now.
            await db.Database.ExecuteSqlAsync($"""
                WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 2 FROM n WHERE i + 2 < {count})
                INSERT INTO Connections (Id, UserId, ServerKey, State, ResourceOwnerId, ResourceOwnerType, Scope, TokenCreatedAt, ExpiresInSeconds,
                    AccessTokenExpiresAt, ConnectedAt, UpdatedAt, AccessTokenProtected, RefreshTokenProtected, ClinicMismatch, ConsecutiveFailures, Version)
                SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))),
                    'person-' || i, 'simulator', {ConnectionState.Active.ToString()}, 'owner-' || i, 'Practitioner', '', {now}, 7200,
                    {now} + (1 + i % 119) * 60000, {now}, {now}, 'x', 'x', 0, 0, 1
                FROM n
                """);
            await transaction.CommitAsync();
            return true;
        });
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
