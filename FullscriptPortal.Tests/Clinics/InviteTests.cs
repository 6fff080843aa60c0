using System.Security.Claims;
using FullscriptPortal.Audit;
using FullscriptPortal.Auth;
using FullscriptPortal.Clinics;
using FullscriptPortal.Connections;
using FullscriptPortal.Live;
using FullscriptPortal.People;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Clinics;

/// <summary>An invite's life: resent (a fresh link, the old one stops working), cancelled (the link stops at once),
/// several people invited at once with an outcome each, and every refusal a value that changes nothing.</summary>
[Collection(SharedPortal.People)]
public sealed class InviteTests(PortalFactory portal) : IAsyncLifetime
{
    private PortalSession _sam = default!, _manager = default!;
    private ClaimsPrincipal _managerPrincipal = default!;

    public async Task InitializeAsync()
    {
        await portal.ResetAsync();
        (_sam, _manager) = (portal.NewSession(), portal.NewSession());
        await _sam.SignInAsync(DemoPeople.SamFront);
        await _manager.SignInAsync(DemoPeople.Manager);
        _managerPrincipal = await _manager.PrincipalAsync();
    }

    public Task DisposeAsync()
    {
        _sam.Dispose();
        _manager.Dispose();
        return Task.CompletedTask;
    }

    private Task<T> InvitesAsync<T>(Func<Invites, Task<T>> action) => portal.InScopeAsync(action);

    private Task<InviteLink?> InviteSamAsync() => InvitesAsync(i => i.CreateAsync(_managerPrincipal, _sam.UserId!, default));

    private static async Task<string> FollowAsync(PortalSession who, InviteLink link) => (await who.Http.GetAsync(link.Path)).Headers.Location!.ToString();

    private Task<List<Invite>> InvitesOfAsync(string userId) => portal.QueryAsync(db => db.Invites.AsNoTracking().Where(i => i.UserId == userId).ToListAsync());

    private Task<string> UserIdAsync(string email) => portal.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private Task<PersonRow?> RowOfSamAsync() => portal.InScopeAsync<ConnectionDirectory, PersonRow?>(d => d.RowAsync(_managerPrincipal, _sam.UserId!));

    [Fact]
    public async Task Resending_gives_a_fresh_link_and_the_old_one_stops_working()
    {
        var first = (await InviteSamAsync())!;
        portal.Time.Advance(TimeSpan.FromDays(1));

        var resent = await InvitesAsync(i => i.ResendAsync(_managerPrincipal, _sam.UserId!, linkBase: null));

        resent.Result.Should().Be(InviteResult.Resent);
        resent.Link!.Path.Should().NotBe(first.Path);
        resent.Link.ExpiresAt.Should().Be(portal.Time.GetUtcNow().AddDays(7), "a fresh link gets a whole week again");
        resent.Mailed.Should().BeNull("without SMTP nothing is e-mailed");
        using var samNextDay = portal.NewSession();
        await samNextDay.SignInAsync(DemoPeople.SamFront);
        (await FollowAsync(samNextDay, first)).Should().Be("/?connect=invitereplaced");
        samNextDay.LocationOf(await samNextDay.Http.GetAsync(resent.Link.Path)).AbsolutePath.Should().Be("/simulator/api/oauth/authorize");
        (await portal.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.InviteResent && e.SubjectUserId == _sam.UserId))).Should().Be(1);
    }

    [Fact]
    public async Task Cancelling_stops_the_link_at_once_and_the_row_says_so()
    {
        var link = (await InviteSamAsync())!;
        (await RowOfSamAsync())!.Invite!.StatusAt(portal.Time.GetUtcNow()).Should().Be(InviteStatus.Pending);

        var cancelled = await InvitesAsync(i => i.CancelAsync(_managerPrincipal, _sam.UserId!));

        cancelled.Result.Should().Be(InviteResult.Cancelled);
        (await FollowAsync(_sam, link)).Should().Be("/?connect=invitecancelled");
        (await RowOfSamAsync())!.Invite!.StatusAt(portal.Time.GetUtcNow()).Should().Be(InviteStatus.Cancelled);
        (await portal.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.InviteCancelled && e.ActorUserId == _manager.UserId))).Should().Be(1);
    }

    [Fact]
    public async Task A_cancelled_or_used_invite_cannot_be_resent_or_cancelled_and_nothing_changes()
    {
        await InviteSamAsync();
        await InvitesAsync(i => i.CancelAsync(_managerPrincipal, _sam.UserId!));
        var before = await InvitesOfAsync(_sam.UserId!);

        var again = await InvitesAsync(i => i.CancelAsync(_managerPrincipal, _sam.UserId!));
        var resend = await InvitesAsync(i => i.ResendAsync(_managerPrincipal, _sam.UserId!, null));

        again.Result.Should().Be(InviteResult.NoOpenInvite);
        again.Message.Should().Contain("already cancelled");
        resend.Result.Should().Be(InviteResult.NoOpenInvite);
        resend.Link.Should().BeNull();
        (await InvitesOfAsync(_sam.UserId!)).Should().BeEquivalentTo(before);

        portal.Time.Advance(TimeSpan.FromMinutes(1));
        var used = (await InviteSamAsync())!;
        await _sam.Http.GetAsync(used.Path);
        (await InvitesAsync(i => i.ResendAsync(_managerPrincipal, _sam.UserId!, null))).Message.Should().Contain("already used");
        (await InvitesAsync(i => i.CancelAsync(_managerPrincipal, _sam.UserId!))).Result.Should().Be(InviteResult.NoOpenInvite);
        (await InvitesOfAsync(_sam.UserId!)).Should().ContainSingle(i => i.UsedAt != null && i.CancelledAt == null);
    }

    [Fact]
    public async Task Another_clinics_invite_and_a_deactivated_person_are_refused_and_nothing_changes()
    {
        var patel = await UserIdAsync(DemoPeople.DrPatel);
        // Patel's invite, made by the integrating app for Lakeview.
        await portal.QueryAsync(async db =>
        {
            db.Invites.Add(new Invite { Id = Guid.NewGuid(), TokenHash = new string('a', 64), UserId = patel, CreatedByUserId = "api:lakeview", CreatedAt = portal.Time.GetUtcNow(), ExpiresAt = portal.Time.GetUtcNow().AddDays(7) });
            return await db.SaveChangesAsync();
        });
        using var lee = portal.NewSession();
        await lee.SignInAsync(DemoPeople.DrLee);
        var leePrincipal = await lee.PrincipalAsync();

        (await InvitesAsync(i => i.ResendAsync(_managerPrincipal, patel, null))).Result.Should().Be(InviteResult.NotAllowed);
        (await InvitesAsync(i => i.CancelAsync(_managerPrincipal, patel))).Result.Should().Be(InviteResult.NotAllowed);
        (await InvitesAsync(i => i.CancelAsync(leePrincipal, _sam.UserId!))).Result.Should().Be(InviteResult.NotAllowed, "a practitioner manages no one's invites");
        (await InvitesAsync(i => i.CancelAsync(_managerPrincipal, "no-such-person"))).Result.Should().Be(InviteResult.NotAllowed);
        (await InvitesOfAsync(patel)).Should().ContainSingle().Which.CancelledAt.Should().BeNull();

        await InviteSamAsync();
        await portal.QueryAsync(db => db.Users.Where(u => u.Id == _sam.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.DeactivatedAt, portal.Time.GetUtcNow())));
        var resend = await InvitesAsync(i => i.ResendAsync(_managerPrincipal, _sam.UserId!, null));
        resend.Result.Should().Be(InviteResult.Deactivated);
        resend.Message.Should().Be("Sam Front is deactivated, so nothing changed.");
        (await InvitesAsync(i => i.CancelAsync(_managerPrincipal, _sam.UserId!))).Result.Should().Be(InviteResult.Deactivated);
        (await InviteSamAsync()).Should().BeNull("a deactivated person gets no new link either");
        (await InvitesOfAsync(_sam.UserId!)).Should().ContainSingle().Which.CancelledAt.Should().BeNull();
    }

    [Fact]
    public async Task Inviting_several_at_once_invites_who_can_be_and_says_why_the_others_were_skipped()
    {
        using var lee = portal.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        var northside = await portal.QueryAsync(db => db.Clinics.Where(c => c.Name == DemoSeed.Northside).Select(c => c.Id).SingleAsync());
        using var support = portal.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        var supportPrincipal = await support.PrincipalAsync();
        async Task<string> AddAsync(string email, string role) =>
            (await portal.InScopeAsync<PeopleAdmin, PeopleOutcome>(a => a.AddAsync(supportPrincipal, new PersonRequest(email, email.Split('@')[0], role), northside, default))).User!.Id;
        var invited = await AddAsync("invited@northside.test", PortalRoles.Staff);
        var expired = await AddAsync("expired@northside.test", PortalRoles.Practitioner);
        var otherManager = await AddAsync("second.manager@northside.test", PortalRoles.ClinicManager);
        await InvitesAsync(i => i.CreateAsync(_managerPrincipal, expired, default));
        portal.Time.Advance(TimeSpan.FromDays(8));
        await InvitesAsync(i => i.CreateAsync(_managerPrincipal, invited, default));
        var patel = await UserIdAsync(DemoPeople.DrPatel);

        var outcomes = await InvitesAsync(i => i.InviteManyAsync(_managerPrincipal, [_sam.UserId!, lee.UserId!, patel, invited, expired, otherManager, "nobody", _sam.UserId!], null));

        outcomes.Select(o => (o.UserId, o.Result)).Should().Equal(
            (_sam.UserId!, InviteResult.Invited),
            (lee.UserId!, InviteResult.AlreadyConnected),
            (patel, InviteResult.NotAllowed),
            (invited, InviteResult.AlreadyInvited),
            (expired, InviteResult.Invited),
            (otherManager, InviteResult.DoesNotConnect),
            ("nobody", InviteResult.NotAllowed));
        outcomes.Single(o => o.UserId == lee.UserId).Message.Should().Be("Dr. Jordan Lee is already connected.");
        outcomes.Where(o => o.Succeeded).Should().AllSatisfy(o => o.Link.Should().NotBeNull());
        using var samNextWeek = portal.NewSession();
        await samNextWeek.SignInAsync(DemoPeople.SamFront);
        samNextWeek.LocationOf(await samNextWeek.Http.GetAsync(outcomes[0].Link!.Path)).AbsolutePath.Should().Be("/simulator/api/oauth/authorize");
        (await InvitesOfAsync(expired)).Should().ContainSingle(i => i.ReplacedById != null, "the expired invite was replaced by the new one");
        (await InvitesOfAsync(patel)).Should().BeEmpty();
        (await InvitesOfAsync(invited)).Should().ContainSingle("a pending invite is left as it is");
    }

    [Fact]
    public async Task Inviting_more_than_a_batch_at_once_invites_nobody()
    {
        var ids = Enumerable.Range(0, Invites.MaxPerBatch).Select(n => $"someone-{n}").Append(_sam.UserId!).ToList();

        var outcomes = await InvitesAsync(i => i.InviteManyAsync(_managerPrincipal, ids, null));

        outcomes.Should().HaveCount(ids.Count).And.OnlyContain(o => o.Result == InviteResult.TooMany);
        (await InvitesOfAsync(_sam.UserId!)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_csv_export_says_where_each_persons_invite_stands()
    {
        async Task<Dictionary<string, string>> ExportAsync()
        {
            using var manager = portal.NewSession();
            await manager.SignInAsync(DemoPeople.Manager);
            var lines = (await manager.Http.GetStringAsync(PeopleExport.Path)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            lines[0].Should().EndWith(",Reason,Invite,InviteExpiresUtc");
            return lines.Skip(1).ToDictionary(line => line.Split(',')[1], line => string.Join(',', line.Split(',')[^2..]));
        }
        var link = (await InviteSamAsync())!;
        var expiresUtc = link.ExpiresAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

        (await ExportAsync()).Should().Equal(new Dictionary<string, string> { [DemoPeople.DrLee] = ",", [DemoPeople.SamFront] = $"pending,{expiresUtc}" });
        portal.Time.Advance(TimeSpan.FromDays(8));
        (await ExportAsync())[DemoPeople.SamFront].Should().Be($"expired,{expiresUtc}");
        await InvitesAsync(i => i.CancelAsync(_managerPrincipal, _sam.UserId!));
        (await ExportAsync())[DemoPeople.SamFront].Should().Be($"cancelled,{expiresUtc}");
    }

    [Fact]
    public async Task Sending_resending_and_cancelling_an_invite_reaches_the_clinics_open_grids()
    {
        var northside = await portal.QueryAsync(db => db.Clinics.Where(c => c.Name == DemoSeed.Northside).Select(c => c.Id).SingleAsync());
        var heard = new List<ConnectionChange>();
        using var subscription = portal.Services.GetRequiredService<ConnectionNotifier>()
            .Subscribe(ChangeKey.PeopleOf(northside), change => { lock (heard) heard.Add(change); return Task.CompletedTask; });

        await InviteSamAsync();
        await InvitesAsync(i => i.ResendAsync(_managerPrincipal, _sam.UserId!, null));
        await InvitesAsync(i => i.CancelAsync(_managerPrincipal, _sam.UserId!));
        await InvitesAsync(i => i.InviteManyAsync(_managerPrincipal, [_sam.UserId!], null));

        lock (heard) heard.Where(c => c.UserId == _sam.UserId).Should().HaveCount(4);
    }
}
