using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Data;

/// <summary>The store on each provider: PostgreSQL's own migrations build an empty database, each provider's migrations
/// match the model, the settings that choose it say what to fix, and what SQLite did by nature (case-insensitive search)
/// holds on PostgreSQL too.</summary>
public sealed class PostgresStoreTests
{
    [Fact]
    public async Task PostgreSQL_migrations_build_an_empty_database_at_start_up_and_match_the_model()
    {
        using var portal = new PortalFactory().OnPostgres();
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        db.Should().BeOfType<PostgresPortalDbContext>();
        db.Database.IsNpgsql().Should().BeTrue();
        db.Database.GetMigrations().Should().NotBeEmpty().And.OnlyContain(id => !id.EndsWith("_Webhooks", StringComparison.Ordinal),
            "PostgreSQL has its own migrations, not SQLite's");
        (await db.Database.GetAppliedMigrationsAsync()).Should().Equal(db.Database.GetMigrations());
        db.Database.HasPendingModelChanges().Should().BeFalse("the PostgreSQL snapshot matches the model: add a migration for each provider");
    }

    [Fact]
    public async Task SQLite_keeps_its_migration_history_and_its_migrations_match_the_model()
    {
        using var portal = new PortalFactory();
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        db.Database.IsSqlite().Should().BeTrue();
        (await db.Database.GetAppliedMigrationsAsync()).Should().StartWith(
            ["20261128184853_Initial", "20261129014848_ApiKeysAndExternalIds", "20261129020740_Webhooks"],
            "databases made before PostgreSQL arrived keep their history");
        db.Database.HasPendingModelChanges().Should().BeFalse("the SQLite snapshot matches the model: add a migration for each provider");
    }

    [Theory]
    [InlineData("LEE")]
    [InlineData("dr. jordan")]
    [InlineData("NORTHSIDE.test")]
    public async Task People_search_ignores_case_on_PostgreSQL(string search)
    {
        using var portal = new PortalFactory().OnPostgres();
        var support = await BackendClient.SupportPrincipalAsync(portal);

        var found = await portal.InScopeAsync<ConnectionDirectory, PeoplePage>(directory => directory.QueryAsync(support, new PeopleQuery(search)));

        found.Rows.Select(r => r.Email).Should().Contain(DemoPeople.DrLee);
    }

    [Fact]
    public async Task People_search_on_PostgreSQL_takes_wildcards_literally()
    {
        using var portal = new PortalFactory().OnPostgres();
        var support = await BackendClient.SupportPrincipalAsync(portal);

        var found = await portal.InScopeAsync<ConnectionDirectory, PeoplePage>(directory => directory.QueryAsync(support, new PeopleQuery("%")));

        found.Total.Should().Be(0);
    }

    [Fact]
    public async Task Grid_pages_on_PostgreSQL_read_what_the_composed_query_reads()
    {
        using var portal = new PortalFactory().OnPostgres();
        using var manager = portal.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        using var lee = portal.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        var viewers = new[] { await BackendClient.SupportPrincipalAsync(portal), await manager.PrincipalAsync() };

        // The first page by name and by expiry (one flat SELECT each), and a later page (cut first).
        foreach (var query in new PeopleQuery[] { new(), new(State: ConnectionState.Active, Sort: PeopleSort.Expiry), new(Page: 1, PageSize: 1) })
        {
            foreach (var viewer in viewers)
            {
                var composed = await portal.InScopeAsync<ConnectionDirectory, PeoplePage>(d => d.QueryAsync(viewer, query));
                var page = await portal.InScopeAsync<ConnectionDirectory, PeoplePage>(d => d.PageAsync(viewer, query, composed.Total));

                page.Rows.Should().BeEquivalentTo(composed.Rows, o => o.WithStrictOrdering());
                page.Rows.Should().NotBeEmpty();
            }
        }
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_stops_start_up_naming_the_setting()
    {
        using var portal = new PortalFactory();
        portal.Settings[DatabaseSettings.ProviderKey] = "Postgres";

        var start = () => portal.StartServer();

        start.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("ConnectionStrings:Portal");
    }

    [Fact]
    public void An_unknown_provider_stops_start_up_naming_the_choices()
    {
        using var portal = new PortalFactory();
        portal.Settings[DatabaseSettings.ProviderKey] = "Oracle";

        var start = () => portal.StartServer();

        start.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("Database:Provider").And.Contain("Sqlite").And.Contain("Postgres");
    }
}
