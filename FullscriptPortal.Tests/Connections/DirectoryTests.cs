using System.Net;
using FullscriptPortal.Audit;
using FullscriptPortal.Clinics;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Live;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Connections;

/// <summary>The clinic and support services enforce who may see and do what, whatever a page shows.</summary>
[Collection(SharedPortal.People)]
public sealed class DirectoryTests(PortalFactory factory) : IAsyncLifetime
{
    private PortalSession _lee = default!, _patel = default!, _sam = default!, _manager = default!, _support = default!;

    public async Task InitializeAsync()
    {
        await factory.ResetAsync();
        (_lee, _patel, _sam, _manager, _support) = (factory.NewSession(), factory.NewSession(), factory.NewSession(), factory.NewSession(), factory.NewSession());
        (await _lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        (await _patel.ConnectAsync(DemoPeople.DrPatel)).Succeeded.Should().BeTrue();
        await _sam.SignInAsync(DemoPeople.SamFront);
        await _manager.SignInAsync(DemoPeople.Manager);
        await _support.SignInAsync(DemoPeople.Support);
    }

    private async Task<T> AsAsync<T>(PortalSession who, Func<ConnectionDirectory, System.Security.Claims.ClaimsPrincipal, Task<T>> action)
    {
        var principal = await who.PrincipalAsync();
        return await factory.InScopeAsync<ConnectionDirectory, T>(directory => action(directory, principal));
    }

    private Task<PeoplePage> QueryAsync(PortalSession who, PeopleQuery query) => AsAsync(who, (d, p) => d.QueryAsync(p, query));

    [Fact]
    public async Task A_manager_sees_their_clinic_support_sees_every_clinic_and_a_practitioner_sees_no_one()
    {
        (await QueryAsync(_manager, new())).Rows.Select(r => r.Email).Should().BeEquivalentTo([DemoPeople.DrLee, DemoPeople.SamFront]);
        (await QueryAsync(_support, new())).Rows.Select(r => r.Email).Should().BeEquivalentTo([DemoPeople.DrLee, DemoPeople.SamFront, DemoPeople.DrPatel]);
        (await QueryAsync(_lee, new())).Total.Should().Be(0);
        (await AsAsync(_manager, (d, p) => d.RowAsync(p, _patel.UserId!))).Should().BeNull("another clinic's person is out of scope");
    }

    [Fact]
    public async Task Support_searches_by_clinic_person_email_and_fullscript_id()
    {
        (await QueryAsync(_support, new("lakeview"))).Rows.Should().ContainSingle().Which.Email.Should().Be(DemoPeople.DrPatel);
        (await QueryAsync(_support, new("Jordan"))).Rows.Should().ContainSingle().Which.Email.Should().Be(DemoPeople.DrLee);
        (await QueryAsync(_support, new("sam.front@"))).Rows.Should().ContainSingle().Which.Email.Should().Be(DemoPeople.SamFront);
        (await QueryAsync(_support, new(DemoPeople.FullscriptIdOf(DemoPeople.DrPatel)))).Rows.Should().ContainSingle().Which.Email.Should().Be(DemoPeople.DrPatel);
        (await QueryAsync(_support, new("%"))).Total.Should().Be(0, "wildcards in a search are taken literally");
    }

    [Fact]
    public async Task State_filters_sorting_and_paging_happen_in_the_database()
    {
        (await QueryAsync(_support, new(State: ConnectionState.Active))).Rows.Select(r => r.Email).Should().BeEquivalentTo([DemoPeople.DrLee, DemoPeople.DrPatel]);
        (await QueryAsync(_support, new(State: ConnectionState.NotConnected))).Rows.Should().ContainSingle().Which.Email.Should().Be(DemoPeople.SamFront);
        var firstPage = await QueryAsync(_support, new(Sort: PeopleSort.Name, PageSize: 2));
        firstPage.Total.Should().Be(3);
        firstPage.Rows.Select(r => r.DisplayName).Should().Equal("Dr. Jordan Lee", "Dr. Priya Patel");
        (await QueryAsync(_support, new(Sort: PeopleSort.Name, Page: 1, PageSize: 2))).Rows.Should().ContainSingle().Which.DisplayName.Should().Be("Sam Front");
        factory.Time.Advance(TimeSpan.FromHours(2));
        (await QueryAsync(_support, new(State: ConnectionState.Expired))).Total.Should().Be(2, "an active connection whose token ran out counts as expired");
    }

    [Fact]
    public async Task Coverage_counts_the_viewers_scope()
    {
        var coverage = await AsAsync(_manager, (d, p) => d.CoverageAsync(p));

        coverage.Should().BeEquivalentTo(new { People = 2, Connected = 1, ExpiringSoon = 0, Failing = 0, NeedsReconnect = 0, NotConnected = 1 });
        coverage.ExpiriesPerQuarterHour.Sum().Should().Be(1);
        coverage.ExpiriesPerQuarterHour[7].Should().Be(1, "a fresh token expires in the last slot of the two hours");
    }

    [Fact]
    public async Task A_manager_cannot_refresh_or_disconnect_another_clinics_connection()
    {
        var calls = factory.FullscriptCalls.All.Count;

        (await AsAsync(_manager, (d, p) => d.RefreshAsync(p, _patel.UserId!))).Succeeded.Should().BeFalse();
        (await AsAsync(_manager, (d, p) => d.DisconnectAsync(p, _patel.UserId!))).Result.Should().Be(DisconnectResult.Refused);
        (await AsAsync(_manager, (d, p) => d.RevokeAsync(p, _lee.UserId!, "a valid reason"))).Result.Should().Be(DisconnectResult.Refused, "revoking is support's");

        factory.FullscriptCalls.All.Should().HaveCount(calls, "refused actions never reach Fullscript");
        (await factory.ConnectionOfAsync(_patel.UserId!))!.State.Should().Be(ConnectionState.Active);
        (await factory.ConnectionOfAsync(_lee.UserId!))!.State.Should().Be(ConnectionState.Active);
    }

    [Fact]
    public async Task A_manager_refreshes_and_disconnects_their_own_staff()
    {
        (await AsAsync(_manager, (d, p) => d.RefreshAsync(p, _lee.UserId!))).Result.Should().Be(RefreshResult.Refreshed);

        var outcome = await AsAsync(_manager, (d, p) => d.DisconnectAsync(p, _lee.UserId!));

        outcome.Result.Should().Be(DisconnectResult.Disconnected);
        var connection = (await factory.ConnectionOfAsync(_lee.UserId!))!;
        connection.State.Should().Be(ConnectionState.Revoked);
        connection.RevokedBy.Should().Be(_manager.UserId);
        connection.StateReason.Should().Contain("clinic manager Morgan Manager");
    }

    [Fact]
    public async Task Practitioners_cannot_act_on_someone_elses_connection_through_the_services()
    {
        (await AsAsync(_lee, (d, p) => d.RefreshAsync(p, _patel.UserId!))).Succeeded.Should().BeFalse();
        (await AsAsync(_lee, (d, p) => d.DisconnectAsync(p, _patel.UserId!))).Result.Should().Be(DisconnectResult.Refused);
        (await AsAsync(_lee, (d, p) => d.RevokeAsync(p, _patel.UserId!, "because I can"))).Result.Should().Be(DisconnectResult.Refused);
        (await factory.ConnectionOfAsync(_patel.UserId!))!.State.Should().Be(ConnectionState.Active);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  x ")]
    public async Task Support_must_give_a_reason_to_revoke(string? reason)
    {
        var outcome = await AsAsync(_support, (d, p) => d.RevokeAsync(p, _patel.UserId!, reason));

        outcome.Result.Should().Be(DisconnectResult.Refused);
        outcome.Code.Should().Be(DisconnectCode.ReasonRequired);
        OutcomeText.For(outcome).Should().Contain("reason");
        (await factory.ConnectionOfAsync(_patel.UserId!))!.State.Should().Be(ConnectionState.Active);
    }

    [Fact]
    public async Task Support_revokes_any_clinics_connection_and_the_reason_is_stored_and_shown()
    {
        var outcome = await AsAsync(_support, (d, p) => d.RevokeAsync(p, _patel.UserId!, "Left Lakeview on 28 Nov"));

        outcome.Result.Should().Be(DisconnectResult.Disconnected);
        var connection = (await factory.ConnectionOfAsync(_patel.UserId!))!;
        connection.State.Should().Be(ConnectionState.Revoked);
        connection.RevokedBy.Should().Be(_support.UserId);
        connection.StateReason.Should().Contain("Left Lakeview on 28 Nov");
        (await _patel.InCircuitAsync(c => c.GetMyConnectionAsync()))!.StateReason.Should().Contain("Left Lakeview on 28 Nov");
        var audit = await factory.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.Disconnect && e.SubjectUserId == _patel.UserId));
        audit.Detail.Should().Contain("Left Lakeview on 28 Nov");
        audit.ActorUserId.Should().Be(_support.UserId);
    }

    [Fact]
    public async Task Every_saved_change_reaches_the_notifier()
    {
        var notifier = factory.Services.GetRequiredService<ConnectionNotifier>();
        var heard = new List<ConnectionChange>();
        using var subscription = notifier.Subscribe(ChangeKey.All, change => { lock (heard) heard.Add(change); return Task.CompletedTask; });

        await AsAsync(_support, (d, p) => d.RevokeAsync(p, _patel.UserId!, "testing live updates"));

        heard.Should().Contain(c => c.UserId == _patel.UserId);
    }

    [Fact]
    public async Task An_invite_link_starts_the_staff_members_own_flow_once_and_only_for_them()
    {
        var link = await AsAsync(_manager, (d, p) => factory.InScopeAsync<Invites, InviteLink?>(i => i.CreateAsync(p, _sam.UserId!, default)));
        link.Should().NotBeNull();
        link!.ExpiresAt.Should().Be(factory.Time.GetUtcNow().AddDays(7));

        (await _lee.Http.GetAsync(link.Path)).Headers.Location!.ToString().Should().Be("/?connect=inviteinvalid", "the link is Sam's");
        var first = _sam.LocationOf(await _sam.Http.GetAsync(link.Path));
        first.AbsolutePath.Should().Be("/simulator/api/oauth/authorize");
        (await _sam.Http.GetAsync(link.Path)).Headers.Location!.ToString().Should().Be("/?connect=inviteused");

        var callback = await _sam.DecideOnConsentAsync(first, DemoPeople.FullscriptIdOf(DemoPeople.SamFront));
        await _sam.FollowCallbackAsync(callback);
        (await _sam.FinishInCircuitAsync())!.Succeeded.Should().BeTrue();
        (await factory.ConnectionOfAsync(_sam.UserId!))!.State.Should().Be(ConnectionState.Active);
    }

    [Fact]
    public async Task An_invite_expires_after_seven_days_and_cannot_be_made_for_another_clinic()
    {
        var link = await AsAsync(_manager, (d, p) => factory.InScopeAsync<Invites, InviteLink?>(i => i.CreateAsync(p, _sam.UserId!, default)));
        factory.Time.Advance(TimeSpan.FromDays(7));
        using var samNextWeek = factory.NewSession(); // a week later Sam signs in again
        await samNextWeek.SignInAsync(DemoPeople.SamFront);

        (await samNextWeek.Http.GetAsync(link!.Path)).Headers.Location!.ToString().Should().Be("/?connect=inviteexpired");
        (await samNextWeek.Http.GetAsync("/invite/" + new string('x', 500))).Headers.Location!.ToString().Should().Be("/?connect=inviteinvalid");
        (await AsAsync(_manager, (d, p) => factory.InScopeAsync<Invites, InviteLink?>(i => i.CreateAsync(p, _patel.UserId!, default)))).Should().BeNull();
        (await AsAsync(_lee, (d, p) => factory.InScopeAsync<Invites, InviteLink?>(i => i.CreateAsync(p, _sam.UserId!, default)))).Should().BeNull();
    }

    [Fact]
    public async Task A_manager_connects_a_staff_member_on_their_behalf_and_the_audit_names_the_manager()
    {
        var start = _manager.LocationOf(await _manager.Http.GetAsync($"/connect/fullscript?for={_sam.UserId}"));
        start.AbsolutePath.Should().Be("/simulator/api/oauth/authorize");
        var callback = await _manager.DecideOnConsentAsync(start, DemoPeople.FullscriptIdOf(DemoPeople.SamFront));

        (await _manager.FollowCallbackAsync(callback)).PathAndQuery.Should().Be("/clinic?connect=codereceived");
        (await _manager.FinishInCircuitAsync())!.Succeeded.Should().BeTrue();

        (await factory.ConnectionOfAsync(_sam.UserId!))!.State.Should().Be(ConnectionState.Active);
        var started = await factory.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ConnectStarted && e.SubjectUserId == _sam.UserId));
        started.ActorUserId.Should().Be(_manager.UserId);
    }

    [Fact]
    public async Task Connecting_on_behalf_is_refused_outside_the_managers_clinic_and_for_other_roles()
    {
        (await _manager.Http.GetAsync($"/connect/fullscript?for={_patel.UserId}")).Headers.Location!.ToString().Should().Be("/?connect=notallowed");
        (await _manager.Http.GetAsync("/connect/fullscript?for=no-such-user")).Headers.Location!.ToString().Should().Be("/?connect=notallowed");
        (await _lee.Http.GetAsync($"/connect/fullscript?for={_sam.UserId}")).Headers.Location!.ToString().Should().Be("/?connect=notallowed");
        (await _support.Http.GetAsync($"/connect/fullscript?for={_sam.UserId}")).Headers.Location!.ToString().Should().Be("/?connect=notallowed");
    }

    [Fact]
    public async Task The_csv_export_has_the_managers_clinic_only_and_never_a_token()
    {
        var response = await _manager.Http.GetAsync("/people/export.csv");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.TrimEnd().Split('\n');
        lines[0].Should().StartWith("Name,Email,Role,Clinic,State");
        lines.Should().HaveCount(3);
        csv.Should().Contain(DemoPeople.DrLee).And.Contain(DemoPeople.SamFront).And.NotContain(DemoPeople.DrPatel);
        csv.Should().Contain("Active").And.Contain("Not connected");
        var protector = factory.Services.GetRequiredService<TokenProtector>();
        var connection = (await factory.ConnectionOfAsync(_lee.UserId!))!;
        csv.Should().NotContain(protector.Unprotect(connection.AccessTokenProtected!)).And.NotContain(protector.Unprotect(connection.RefreshTokenProtected!));

        (await _manager.Http.GetStringAsync("/people/export.csv?state=Active")).Should().NotContain(DemoPeople.SamFront);
        (await _manager.Http.GetAsync("/people/export.csv?state=Bogus")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _lee.Http.GetAsync("/people/export.csv")).StatusCode.Should().NotBe(HttpStatusCode.OK, "practitioners have no export");
    }

    [Fact]
    public async Task Cells_a_spreadsheet_would_run_are_escaped()
    {
        await factory.InScopeAsync<Microsoft.AspNetCore.Identity.UserManager<FullscriptPortal.Auth.PortalUser>, bool>(async users =>
        {
            var sam = (await users.FindByIdAsync(_sam.UserId!))!;
            sam.DisplayName = "=HYPERLINK(\"http://evil\")";
            await users.UpdateAsync(sam);
            return true;
        });

        var csv = await _manager.Http.GetStringAsync("/people/export.csv");

        csv.Should().NotContain(",=HYPERLINK").And.NotContain("\n=HYPERLINK");
    }

    [Theory]
    [InlineData("/clinic", DemoPeople.Manager, "My clinic")]
    [InlineData("/clinic", DemoPeople.DrLee, "This page is not for your role")]
    [InlineData("/clinic", DemoPeople.Support, "This page is not for your role")]
    [InlineData("/support", DemoPeople.Support, "Needs attention")]
    [InlineData("/support", DemoPeople.Manager, "This page is not for your role")]
    [InlineData("/support/audit", DemoPeople.Support, "Audit trail")]
    [InlineData("/support/audit", DemoPeople.SamFront, "This page is not for your role")]
    public async Task Each_page_is_for_its_role(string path, string email, string expected)
    {
        var who = new[] { _manager, _lee, _support, _sam }.Single(s => s.UserId == (email switch
        {
            DemoPeople.Manager => _manager.UserId,
            DemoPeople.DrLee => _lee.UserId,
            DemoPeople.Support => _support.UserId,
            _ => _sam.UserId,
        }));

        var response = await who.Http.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.Redirect) response = await who.Http.GetAsync(who.LocationOf(response));

        (await response.Content.ReadAsStringAsync()).Should().Contain(expected);
    }

    public Task DisposeAsync()
    {
        foreach (var session in new[] { _lee, _patel, _sam, _manager, _support }) session?.Dispose();
        return Task.CompletedTask;
    }
}
