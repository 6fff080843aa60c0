using System.Security.Claims;
using FullscriptPortal.Auth;
using FullscriptPortal.Data;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Connections;

/// <summary>The people a clinic manager (their clinic) or support (every clinic) looks after, and what they may do for
/// them. Every method decides scope and permission from the caller, through <see cref="ConnectionPolicy"/>.</summary>
public sealed class ConnectionDirectory(
    IDbContextFactory<PortalDbContext> dbs,
    CompiledPeoplePages pages,
    ConnectionProbe probe,
    Disconnector disconnector,
    TimeProvider time)
{
    public const int MinReasonLength = 3;
    public const int MaxReasonLength = 500;

    public async Task<PeoplePage> QueryAsync(ClaimsPrincipal viewer, PeopleQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var values = ValuesFor(viewer, query);
        var people = Filter(Scope(db, ScopeOf(viewer), values), query, values);
        var total = await people.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, PeopleQuery.MaxPageSize);
        var rows = await Rows(db, Sort(people, query).Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize)).ToListAsync(cancellationToken);
        return new PeoplePage(rows, total);
    }

    /// <summary>One page without counting every match, so a page of 10,000 costs what its rows cost: with
    /// <paramref name="knownTotal"/> (counted before for the same filter) that is its total; without it the page reads
    /// one row more to tell whether more follow, and the total stays unknown (<see cref="PeoplePage.TotalKnown"/>) until
    /// the caller counts, after showing the page. The query is compiled once per shape (<see cref="CompiledPeoplePages"/>).</summary>
    public async Task<PeoplePage> PageAsync(ClaimsPrincipal viewer, PeopleQuery query, int? knownTotal, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, PeopleQuery.MaxPageSize);
        var skip = Math.Max(query.Page, 0) * pageSize;
        var values = ValuesFor(viewer, query, skip, take: knownTotal is null ? pageSize + 1 : pageSize);
        var scope = ScopeOf(viewer);
        var rows = await pages.ReadAsync(db, scope, query, values, (context, v) =>
            {
                var sorted = Sort(Filter(Scope(context, scope, v), query, v), query);
                return ReadsInIndexOrder(scope, query)
                    ? CompiledPeoplePages.Paged(Rows(context, sorted), v)
                    : Rows(context, CompiledPeoplePages.Paged(sorted, v));
            })
            .ToListAsync(cancellationToken);
        var more = knownTotal is null && rows.Count > pageSize;
        var shown = more ? rows[..pageSize] : rows;
        if (knownTotal is { } total) return new PeoplePage(shown, total);
        // Fewer rows than a page past the first: this page is the last, so the total is exact after all.
        return new PeoplePage(shown, skip + shown.Count + (more ? 1 : 0),
            TotalKnown: !more && (rows.Count > 0 || skip == 0));
    }

    /// <summary>How many rows a query matches (its page and sort aside): a live change that moves this number moved someone
    /// into or out of the view.</summary>
    public async Task<int> CountAsync(ClaimsPrincipal viewer, PeopleQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var values = ValuesFor(viewer, query);
        return await Filter(Scope(db, ScopeOf(viewer), values), query, values).CountAsync(cancellationToken);
    }

    /// <summary>One row, for a live update of the row whose connection changed; null when outside the viewer's scope.</summary>
    public async Task<PersonRow?> RowAsync(ClaimsPrincipal viewer, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await Rows(db, Scope(db, ScopeOf(viewer), ValuesFor(viewer, new PeopleQuery())).Where(p => p.User.Id == userId)).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<Coverage> CoverageAsync(ClaimsPrincipal viewer, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        DateTimeOffset Quarter(int i) => now.AddMinutes(15 * i);
        var (q1, q2, q3, q4, q5, q6, q7, q8) = (Quarter(1), Quarter(2), Quarter(3), Quarter(4), Quarter(5), Quarter(6), Quarter(7), Quarter(8));
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        // One grouped pass over the scope (not a count per tile): each person falls in a group by their state and, when
        // connected, the quarter hour their access token expires in; the few groups are summed here.
        var groups = await Scope(db, ScopeOf(viewer), ValuesFor(viewer, new PeopleQuery()))
            .GroupBy(p => new
            {
                State = p.Connection == null ? (ConnectionState?)null : p.Connection.State,
                Live = p.Connection != null && p.Connection.AccessTokenExpiresAt > now,
                Soon = p.Connection != null && p.Connection.AccessTokenExpiresAt <= q1,
                Slot = p.Connection == null || p.Connection.AccessTokenExpiresAt <= now ? -1
                    : p.Connection.AccessTokenExpiresAt < q1 ? 0 : p.Connection.AccessTokenExpiresAt < q2 ? 1
                    : p.Connection.AccessTokenExpiresAt < q3 ? 2 : p.Connection.AccessTokenExpiresAt < q4 ? 3
                    : p.Connection.AccessTokenExpiresAt < q5 ? 4 : p.Connection.AccessTokenExpiresAt < q6 ? 5
                    : p.Connection.AccessTokenExpiresAt < q7 ? 6 : p.Connection.AccessTokenExpiresAt <= q8 ? 7 : 8,
            })
            .Select(g => new { g.Key.State, g.Key.Live, g.Key.Soon, g.Key.Slot, Count = g.Count() })
            .ToListAsync(cancellationToken);
        // Connected while the access token works: a refresh being retried (RefreshFailing) still counts, with its warning
        // in Failing, as DESIGN.md's states say.
        var connected = groups.Where(g => g.State is ConnectionState.Active or ConnectionState.RefreshFailing && g.Live).ToList();
        var slots = new int[8];
        foreach (var g in connected.Where(g => g.Slot is >= 0 and < 8)) slots[g.Slot] += g.Count;
        return new Coverage(
            groups.Sum(g => g.Count),
            connected.Sum(g => g.Count),
            connected.Where(g => g.Soon).Sum(g => g.Count),
            groups.Where(g => g.State == ConnectionState.RefreshFailing).Sum(g => g.Count),
            groups.Where(g => g.State == ConnectionState.NeedsReconnect).Sum(g => g.Count),
            groups.Where(g => g.State is null or ConnectionState.Revoked).Sum(g => g.Count),
            slots);
    }

    public async Task<RefreshOutcome> RefreshAsync(ClaimsPrincipal viewer, string userId, CancellationToken cancellationToken = default)
    {
        var connectionId = await PermittedConnectionAsync(viewer, ConnectionAction.Refresh, userId, cancellationToken);
        return connectionId is { } id
            ? await probe.RefreshThenCheckAsync(id, viewer.UserId()!, cancellationToken)
            : new(RefreshResult.NotRefreshable, RefreshCode.NotAllowed);
    }

    /// <summary>A clinic manager disconnecting a departing staff member.</summary>
    public async Task<DisconnectOutcome> DisconnectAsync(ClaimsPrincipal viewer, string userId, CancellationToken cancellationToken = default)
    {
        var connectionId = await PermittedConnectionAsync(viewer, ConnectionAction.Disconnect, userId, cancellationToken);
        return connectionId is { } id
            ? await disconnector.DisconnectAsync(id, viewer.UserId()!, StateReasons.DisconnectedByManager(viewer.DisplayNameOf()), cancellationToken)
            : new(DisconnectResult.Refused, DisconnectCode.DisconnectNotAllowed);
    }

    /// <summary>Support revoking a connection, always with a reason, which is stored and shown.</summary>
    public async Task<DisconnectOutcome> RevokeAsync(ClaimsPrincipal viewer, string userId, string? reason, CancellationToken cancellationToken = default)
    {
        var why = reason?.Trim();
        if (why is null || why.Length < MinReasonLength || why.Length > MaxReasonLength)
            return new(DisconnectResult.Refused, DisconnectCode.ReasonRequired);
        var connectionId = await PermittedConnectionAsync(viewer, ConnectionAction.Revoke, userId, cancellationToken);
        return connectionId is { } id
            ? await disconnector.DisconnectAsync(id, viewer.UserId()!, StateReasons.RevokedBySupport(viewer.DisplayNameOf(), why), cancellationToken)
            : new(DisconnectResult.Refused, DisconnectCode.RevokeNotAllowed);
    }

    private async Task<Guid?> PermittedConnectionAsync(ClaimsPrincipal viewer, ConnectionAction action, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var subject = await db.SubjectAsync(userId, cancellationToken);
        if (subject is null || !ConnectionPolicy.Allows(viewer, action, subject)) return null;
        return await db.Connections.Where(c => c.UserId == userId).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
    }

    // A class with init properties, not a positional record: EF Core can filter and sort through member initialisers.
    private sealed class Person
    {
        public required PortalUser User { get; init; }
        public required string Role { get; init; }
        public string? ClinicName { get; init; }
        public FullscriptConnection? Connection { get; init; }
    }

    private PeopleQueryValues ValuesFor(ClaimsPrincipal viewer, PeopleQuery query, int skip = 0, int take = 0) =>
        PeopleQueryValues.For(viewer.ClinicIdOf(), query, time.GetUtcNow(), skip, take);

    /// <summary>Practitioners and staff: of the manager's clinic, or of every clinic for support; nobody for anyone else.</summary>
    private static ViewerScope ScopeOf(ClaimsPrincipal viewer) =>
        viewer.IsInRole(PortalRoles.Support) ? ViewerScope.Everyone
        : viewer.IsInRole(PortalRoles.ClinicManager) && viewer.ClinicIdOf() is not null ? ViewerScope.OneClinic
        : ViewerScope.Nobody;

    // Every value a query compares with is read from the PeopleQueryValues it is given (see CompiledPeoplePages).
    private static IQueryable<Person> Scope(PortalDbContext db, ViewerScope scope, PeopleQueryValues v)
    {
        var people =
            from user in db.Users
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join role in db.Roles on userRole.RoleId equals role.Id
            where role.Name == PortalRoles.Practitioner || role.Name == PortalRoles.Staff
            // Joined here rather than through the navigation, which EF Core joins only after a page is cut, in an outer
            // SELECT; unused (a count), the database drops this join on a key.
            join clinic in db.Clinics on user.ClinicId equals (int?)clinic.Id into clinics
            from clinic in clinics.DefaultIfEmpty()
            join connection in db.Connections on user.Id equals connection.UserId into connections
            from connection in connections.DefaultIfEmpty()
            select new Person
            {
                User = user,
                Role = role.Name!,
                ClinicName = clinic.Name,
                Connection = connection,
            };

        return scope switch
        {
            ViewerScope.Everyone => people,
            ViewerScope.OneClinic => people.Where(p => p.User.ClinicId == v.ClinicId),
            _ => people.Where(_ => false),
        };
    }

    private static IQueryable<Person> Filter(IQueryable<Person> people, PeopleQuery query, PeopleQueryValues v)
    {
        if (v.Pattern is not null)
        {
#pragma warning disable CA1304, CA1311 // ToLower() here is SQL lower(), run by the database, not .NET's culture-dependent one.
            people = people.Where(p =>
                EF.Functions.Like(p.User.DisplayName.ToLower(), v.Pattern, LikePattern.Escape) || EF.Functions.Like(p.User.Email!.ToLower(), v.Pattern, LikePattern.Escape)
                || EF.Functions.Like(p.ClinicName!.ToLower(), v.Pattern, LikePattern.Escape)
                || (p.Connection != null && (EF.Functions.Like(p.Connection.ResourceOwnerId.ToLower(), v.Pattern, LikePattern.Escape)
                    || EF.Functions.Like(p.Connection.FullscriptClinicName!.ToLower(), v.Pattern, LikePattern.Escape))));
#pragma warning restore CA1304, CA1311
        }
        if (query.OnlyNeedingAttention)
            people = people.Where(p => p.Connection != null
                && (p.Connection.State == ConnectionState.RefreshFailing || p.Connection.State == ConnectionState.NeedsReconnect || p.Connection.DisconnectRequestedAt != null));
        // The tiles' sets, as CoverageAsync counts them.
        people = query.Set switch
        {
            PeopleSet.Connected => people.Where(p => p.Connection != null
                && (p.Connection.State == ConnectionState.Active || p.Connection.State == ConnectionState.RefreshFailing) && p.Connection.AccessTokenExpiresAt > v.Now),
            PeopleSet.ExpiringSoon => people.Where(p => p.Connection != null
                && (p.Connection.State == ConnectionState.Active || p.Connection.State == ConnectionState.RefreshFailing)
                && p.Connection.AccessTokenExpiresAt > v.Now && p.Connection.AccessTokenExpiresAt <= v.Soon),
            PeopleSet.NotConnected => people.Where(p => p.Connection == null || p.Connection.State == ConnectionState.Revoked),
            _ => people,
        };
        return query.State switch
        {
            null => people,
            ConnectionState.NotConnected => people.Where(p => p.Connection == null),
            ConnectionState.Active => people.Where(p => p.Connection != null && p.Connection.State == ConnectionState.Active && p.Connection.AccessTokenExpiresAt > v.Now),
            ConnectionState.Expired => people.Where(p => p.Connection != null
                && p.Connection.State == ConnectionState.Active && p.Connection.AccessTokenExpiresAt <= v.Now),
            _ => people.Where(p => p.Connection != null && p.Connection.State == v.State),
        };
    }

    private static IQueryable<Person> Sort(IQueryable<Person> people, PeopleQuery query) => (query.Sort, query.Descending) switch
    {
        // Everyone shown has a connection, so no "unconnected last" key stands between the sort and the
        // Connections(State, AccessTokenExpiresAt) index: a first page reads 25 index entries, not every match.
        (PeopleSort.Expiry, false) when ShowsOnlyConnected(query) => people.OrderBy(p => p.Connection!.AccessTokenExpiresAt),
        (PeopleSort.Expiry, true) when ShowsOnlyConnected(query) => people.OrderByDescending(p => p.Connection!.AccessTokenExpiresAt),
        (PeopleSort.Role, false) => people.OrderBy(p => p.Role).ThenBy(p => p.User.DisplayName),
        (PeopleSort.Role, true) => people.OrderByDescending(p => p.Role).ThenBy(p => p.User.DisplayName),
        (PeopleSort.State, false) => people.OrderBy(p => p.Connection != null).ThenBy(p => p.Connection!.State).ThenBy(p => p.User.DisplayName),
        (PeopleSort.State, true) => people.OrderByDescending(p => p.Connection != null).ThenByDescending(p => p.Connection!.State).ThenBy(p => p.User.DisplayName),
        (PeopleSort.Expiry, false) => people.OrderBy(p => p.Connection == null).ThenBy(p => p.Connection!.AccessTokenExpiresAt),
        (PeopleSort.Expiry, true) => people.OrderBy(p => p.Connection == null).ThenByDescending(p => p.Connection!.AccessTokenExpiresAt),
        (PeopleSort.LastRefresh, false) => people.OrderBy(p => p.Connection!.LastRefreshedAt == null).ThenBy(p => p.Connection!.LastRefreshedAt),
        (PeopleSort.LastRefresh, true) => people.OrderBy(p => p.Connection!.LastRefreshedAt == null).ThenByDescending(p => p.Connection!.LastRefreshedAt),
        (PeopleSort.Clinic, false) => people.OrderBy(p => p.ClinicName).ThenBy(p => p.User.DisplayName),
        (PeopleSort.Clinic, true) => people.OrderByDescending(p => p.ClinicName).ThenBy(p => p.User.DisplayName),
        (_, true) => people.OrderByDescending(p => p.User.DisplayName),
        _ => people.OrderBy(p => p.User.DisplayName),
    };

    /// <summary>A first page whose order an index gives (one clinic by name; one state by expiry): the database walks the
    /// index and stops after the page, so each row's invite can be joined in the same SELECT, which SQLite prepares and
    /// runs faster than a page cut in a subquery and joined outside. In any other order every match would be joined
    /// before the sort (and on a later page, every row skipped), so those pages are cut first.</summary>
    private static bool ReadsInIndexOrder(ViewerScope scope, PeopleQuery query) =>
        query.Page <= 0 && query.Set is null && !query.OnlyNeedingAttention && (
            query.Sort == PeopleSort.Name && scope == ViewerScope.OneClinic && query.State is null
            || query.Sort == PeopleSort.Expiry && query.State is { } state && state != ConnectionState.NotConnected && string.IsNullOrWhiteSpace(query.Search));

    private static bool ShowsOnlyConnected(PeopleQuery query) =>
        query.OnlyNeedingAttention || query.Set is PeopleSet.Connected or PeopleSet.ExpiringSoon
        || query.State is { } state && state != ConnectionState.NotConnected;

    /// <summary>Reads only what a row shows, straight into rows, for a page already cut: no token column leaves the
    /// database for a grid, and no entity is tracked. The latest invite is found by one indexed lookup per row and joined
    /// by its key (a window over every invite of every clinic, as EF writes a first-of-each, cost more than the page).</summary>
    private static IQueryable<PersonRow> Rows(PortalDbContext db, IQueryable<Person> page) =>
        // The newest invite; at the same instant (a resend) the open one, not the one it replaced.
        from p in page
        let latestInviteId = db.Invites.Where(i => i.UserId == p.User.Id)
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.CancelledAt != null).Select(i => (Guid?)i.Id).FirstOrDefault()
        join invite in db.Invites on latestInviteId equals (Guid?)invite.Id into invites
        from i in invites.DefaultIfEmpty()
        select new PersonRow(
            p.User.Id, p.User.DisplayName, p.User.Email ?? "", p.Role, p.User.ClinicId, p.ClinicName,
            p.Connection == null ? null : p.Connection.ResourceOwnerId,
            // As ConnectionView.From, spelled out so the database reads these columns and nothing else.
            p.Connection == null ? null : new ConnectionView(p.Connection.Id, p.Connection.State, p.Connection.StateReason,
                p.Connection.ServerKey, p.Connection.Scope, p.Connection.ResourceOwnerType, p.Connection.FullscriptClinicName,
                p.Connection.ConnectedAt, p.Connection.AccessTokenExpiresAt, p.Connection.ExpiresInSeconds, p.Connection.LastRefreshedAt,
                p.Connection.ClinicMismatch, p.Connection.DisconnectRequestedAt != null && p.Connection.State != ConnectionState.Revoked,
                p.Connection.NextRefreshAttemptAt, p.Connection.ClinicId != null),
            i == null ? null : new InviteView(i.Id, i.CreatedAt, i.ExpiresAt, i.UsedAt, i.CancelledAt));
}
