using FullscriptPortal.Connections;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Connections;

/// <summary>The grid's rows are read column by column: the encrypted tokens stay in the database even for the page that
/// shows the connections they belong to.</summary>
public sealed class GridRowQueryTests
{
    [Fact]
    public async Task A_grid_page_and_a_live_row_read_no_token_column()
    {
        using var factory = new PortalFactory();
        factory.Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        using var manager = factory.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        using var lee = factory.NewSession();
        await lee.ConnectAsync(DemoPeople.DrLee);
        var principal = await manager.PrincipalAsync();
        factory.Logs.Clear();

        var (page, row) = await factory.InScopeAsync<ConnectionDirectory, (PeoplePage, PersonRow?)>(async directory => (
            await directory.PageAsync(principal, new PeopleQuery(), knownTotal: null),
            await directory.RowAsync(principal, lee.UserId!)));

        row!.Connection!.StoredState.Should().Be(ConnectionState.Active);
        page.Rows.Should().Contain(r => r.UserId == lee.UserId && r.Connection != null);
        var reads = factory.Logs.Where(l => l.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal)).ToList();
        reads.Should().HaveCount(2, "the page and the row are one query each, invites included");
        reads.Should().OnlyContain(sql => !sql.Contains("TokenProtected", StringComparison.Ordinal));
    }
}
