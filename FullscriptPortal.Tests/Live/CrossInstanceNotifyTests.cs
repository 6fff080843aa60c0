using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Live;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Live;

/// <summary>Two portals on one PostgreSQL database, as two instances behind a load balancer: a change saved on one
/// reaches the dashboards of the other through LISTEN/NOTIFY, and each hears every change once.</summary>
public sealed class CrossInstanceNotifyTests : IDisposable
{
    private readonly PortalFactory _a;
    private readonly PortalFactory _b;
    private readonly List<ConnectionChange> _heardOnA = [];
    private readonly List<ConnectionChange> _heardOnB = [];

    public CrossInstanceNotifyTests()
    {
        _a = new PortalFactory().OnPostgres();
        _b = PortalFactory.SecondInstanceOf(_a);
    }

    [Fact]
    public async Task A_change_saved_on_one_instance_reaches_the_other_s_subscribers_once_and_its_own_once()
    {
        Guid id;
        using (var browser = _a.NewSession()) id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        var before = (await _a.ConnectionOfIdAsync(id)).Version;
        await ListeningAsync(_a);
        await ListeningAsync(_b);
        Subscribe(_a, _heardOnA);
        Subscribe(_b, _heardOnB);

        // One save on A: Fullscript said the grant is gone.
        await using (var db = await _a.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var connection = await db.Connections.SingleAsync(c => c.Id == id);
            connection.RequireReconnect("revoked inside Fullscript", _a.Time.GetUtcNow());
            await db.SaveChangesAsync();
        }
        var saved = await _a.ConnectionOfIdAsync(id);
        // PostgreSQL delivers notices in commit order: once both instances heard this later one, they heard A's.
        var marker = Guid.NewGuid();
        await PostgresNotices.SendAsync(_a.PostgresConnectionString!, ChangeNotice.Encode("the-test", [new ConnectionChange(marker, null, null)]).Single());
        await Poll.UntilAsync(() => Heard(_heardOnA, marker) && Heard(_heardOnB, marker), "both instances hear the later notice");

        var onB = ChangesOf(_heardOnB, id, before).Should().ContainSingle("B hears the change once, through NOTIFY").Subject;
        onB.Version.Should().Be(saved.Version);
        onB.State.Should().Be(ConnectionState.NeedsReconnect);
        onB.UserId.Should().Be(saved.UserId);
        onB.PersonClinicId.Should().NotBeNull("the manager's page of the person's clinic follows it on B as on A");
        ChangesOf(_heardOnA, id, before).Should().Equal([onB], "A's own dashboards had the change when it was saved, and not again from NOTIFY");
    }

    [Fact]
    public async Task A_person_s_connection_made_on_one_instance_shows_on_the_other_s_manager_key()
    {
        await ListeningAsync(_b);
        var northside = await _b.QueryAsync(db => db.Clinics.Where(c => c.Name == FullscriptPortal.Auth.DemoSeed.Northside).Select(c => c.Id).SingleAsync());
        var onManagersPage = new List<ConnectionChange>();
        using var subscription = _b.Services.GetRequiredService<ConnectionNotifier>().Subscribe(ChangeKey.PeopleOf(northside), change =>
        {
            lock (onManagersPage) onManagersPage.Add(change);
            return Task.CompletedTask;
        });

        Guid id;
        using (var browser = _a.NewSession()) id = (await browser.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        var version = (await _a.ConnectionOfIdAsync(id)).Version;

        await Poll.UntilAsync(() => { lock (onManagersPage) return onManagersPage.Any(c => c.ConnectionId == id && c.Version == version && c.State == ConnectionState.Active); },
            "B's manager page hears the connection turn Active");
    }

    private static CrossInstanceListener Listener(PortalFactory portal) => portal.Services.GetRequiredService<CrossInstanceListener>();

    private static Task ListeningAsync(PortalFactory portal) => Poll.UntilAsync(() => Listener(portal).IsListening, "the instance listens");

    private static void Subscribe(PortalFactory portal, List<ConnectionChange> heard) =>
        portal.Services.GetRequiredService<ConnectionNotifier>().Subscribe(ChangeKey.All, change =>
        {
            lock (heard) heard.Add(change);
            return Task.CompletedTask;
        });

    private static bool Heard(List<ConnectionChange> heard, Guid connectionId)
    {
        lock (heard) return heard.Any(c => c.ConnectionId == connectionId);
    }

    private static List<ConnectionChange> ChangesOf(List<ConnectionChange> heard, Guid connectionId, int after)
    {
        lock (heard) return [.. heard.Where(c => c.ConnectionId == connectionId && c.Version > after)];
    }

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
    }
}
