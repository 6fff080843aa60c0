using System.Security.Claims;
using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Connections;

/// <summary>A grid page is a compiled query, one per shape: it must read what the same query composed afresh reads, and
/// take each call's clinic, search, clock and page rather than the first call's.</summary>
[Collection(SharedPortal.People)]
public sealed class CompiledPagesTests(PortalFactory factory) : IAsyncLifetime
{
    private PortalSession _lee = default!, _patel = default!, _manager = default!;
    private ClaimsPrincipal _support = default!;

    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        (_lee, _patel, _manager) = (factory.NewSession(), factory.NewSession(), factory.NewSession());
        (await _lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        (await _patel.ConnectAsync(DemoPeople.DrPatel)).Succeeded.Should().BeTrue();
        await _manager.SignInAsync(DemoPeople.Manager);
        _support = await BackendClient.SupportPrincipalAsync(factory);
    }

    public Task DisposeAsync()
    {
        _lee.Dispose();
        _patel.Dispose();
        _manager.Dispose();
        return Task.CompletedTask;
    }

    private Task<PeoplePage> PageAsync(ClaimsPrincipal viewer, PeopleQuery query, int? knownTotal = null) =>
        factory.InScopeAsync<ConnectionDirectory, PeoplePage>(d => d.PageAsync(viewer, query, knownTotal));

    private Task<PeoplePage> ComposedAsync(ClaimsPrincipal viewer, PeopleQuery query) =>
        factory.InScopeAsync<ConnectionDirectory, PeoplePage>(d => d.QueryAsync(viewer, query));

    public static TheoryData<PeopleQuery> Shapes()
    {
        var shapes = new TheoryData<PeopleQuery>
        {
            new(), new("lee"), new("NORTHSIDE"), new(OnlyNeedingAttention: true),
            new(Set: PeopleSet.Connected), new(Set: PeopleSet.ExpiringSoon), new(Set: PeopleSet.NotConnected),
        };
        foreach (var state in Enum.GetValues<ConnectionState>()) shapes.Add(new(State: state));
        foreach (var sort in Enum.GetValues<PeopleSort>())
        {
            shapes.Add(new(Sort: sort));
            shapes.Add(new(Sort: sort, Descending: true));
            shapes.Add(new(State: ConnectionState.Active, Sort: sort, Descending: true));
        }
        return shapes;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Each_shape_reads_the_rows_the_composed_query_reads(PeopleQuery query)
    {
        foreach (var viewer in new[] { _support, await _manager.PrincipalAsync(), await _lee.PrincipalAsync() })
        {
            var composed = await ComposedAsync(viewer, query);
            var compiled = await PageAsync(viewer, query, composed.Total);

            compiled.Rows.Should().BeEquivalentTo(composed.Rows, o => o.WithStrictOrdering());
        }
    }

    [Fact]
    public async Task A_page_of_the_same_shape_takes_its_own_clinic_search_clock_and_page()
    {
        var northside = await _manager.PrincipalAsync();
        var lakeviewId = await factory.QueryAsync(db => db.Clinics.Where(c => c.Name == DemoSeed.Lakeview).Select(c => c.Id).SingleAsync());
        var lakeview = new ClaimsPrincipal(new ClaimsIdentity(
            [.. northside.Claims.Where(c => c.Type != PortalClaims.ClinicId), new Claim(PortalClaims.ClinicId, lakeviewId.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            "test"));

        (await PageAsync(northside, new())).Rows.Select(r => r.Email).Should().BeEquivalentTo([DemoPeople.DrLee, DemoPeople.SamFront]);
        (await PageAsync(lakeview, new())).Rows.Select(r => r.Email).Should().Equal(DemoPeople.DrPatel);

        (await PageAsync(_support, new("lee"))).Rows.Select(r => r.Email).Should().Equal(DemoPeople.DrLee);
        (await PageAsync(_support, new("patel"))).Rows.Select(r => r.Email).Should().Equal(DemoPeople.DrPatel);

        var first = await PageAsync(_support, new(PageSize: 1));
        first.Rows.Should().ContainSingle();
        var second = await PageAsync(_support, new(Page: 1, PageSize: 1), knownTotal: 3);
        second.Rows.Should().ContainSingle().Which.UserId.Should().NotBe(first.Rows[0].UserId);
        (await PageAsync(_support, new(PageSize: 2), knownTotal: 3)).Rows.Should().HaveCount(2);

        (await PageAsync(_support, new(State: ConnectionState.Active))).Rows.Should().HaveCount(2);
        factory.Time.Advance(TimeSpan.FromHours(3));
        (await PageAsync(_support, new(State: ConnectionState.Active))).Rows.Should().BeEmpty("both access tokens ran out since the last page");
    }

    [Fact]
    public async Task Shapes_past_the_capacity_are_composed_on_each_call_and_read_the_same_rows()
    {
        var pages = new CompiledPeoplePages(capacity: 1);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var now = factory.Time.GetUtcNow();
        async Task<List<string>> EmailsAsync(PeopleQuery query)
        {
            var values = PeopleQueryValues.For(null, query, now, take: 25);
            var rows = await pages.ReadAsync(db, ViewerScope.Everyone, query, values,
                (context, v) => context.Users.Where(u => v.Pattern == null || EF.Functions.Like(u.Email!, v.Pattern, LikePattern.Escape))
                    .OrderBy(u => u.Email).Select(u => new PersonRow(u.Id, u.DisplayName, u.Email!, "", u.ClinicId, null, null, null, null)))
                .ToListAsync();
            return [.. rows.Select(r => r.Email)];
        }

        (await EmailsAsync(new("northside"))).Should().Equal(DemoPeople.DrLee, DemoPeople.Manager, DemoPeople.SamFront);
        (await EmailsAsync(new())).Should().Contain([DemoPeople.DrPatel, DemoPeople.Support], "a second shape, past the capacity");
        (await EmailsAsync(new("lakeview"))).Should().Equal(DemoPeople.DrPatel);

        // Composed, not compiled: a value captured outside the page values is read afresh (compiling would refuse it).
        var email = DemoPeople.Support;
        var support = await pages.ReadAsync(db, ViewerScope.OneClinic, new(), PeopleQueryValues.For(null, new(), now, take: 25),
            (context, v) => context.Users.Where(u => u.Email == email).Select(u => new PersonRow(u.Id, u.DisplayName, u.Email!, "", u.ClinicId, null, null, null, null)))
            .ToListAsync();
        support.Should().ContainSingle().Which.Email.Should().Be(DemoPeople.Support);
    }

    [Fact]
    public async Task A_page_that_captures_a_value_outside_the_page_values_is_refused()
    {
        var pages = new CompiledPeoplePages();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var values = PeopleQueryValues.For(null, new PeopleQuery(), factory.Time.GetUtcNow(), take: 25);
        var clinicId = 1;

        var read = () => pages.ReadAsync(db, ViewerScope.Everyone, new PeopleQuery(), values,
            (context, v) => context.Users.Where(u => u.ClinicId == clinicId).Select(u => new PersonRow(u.Id, u.DisplayName, "", "", u.ClinicId, null, null, null, null)));

        read.Should().Throw<InvalidOperationException>().WithMessage("*outside PeopleQueryValues*");
    }
}
