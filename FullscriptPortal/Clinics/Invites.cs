using System.Security.Claims;
using FullscriptPortal.Audit;
using FullscriptPortal.Auth;
using FullscriptPortal.Connect;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Live;
using FullscriptPortal.Mail;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Clinics;

/// <summary>Invite links: made by a manager for one staff member of their clinic, good once, for 7 days, only for that
/// staff member once signed in. A manager resends one (a fresh link; the old one stops working) or cancels it, or invites
/// several people at once. Every refusal is a value with its sentence; nothing changes when one is given.</summary>
public sealed class Invites(IDbContextFactory<PortalDbContext> dbs, ConnectionNotifier notifier, PortalEmails emails, TimeProvider time)
{
    public const string PathPrefix = "/invite/";
    public const int MaxTokenLength = 64;

    /// <summary>How many people <see cref="InviteManyAsync"/> takes in one call.</summary>
    public const int MaxPerBatch = 200;

    private const int MaxUserIdLength = 450;

    /// <summary>Null when <paramref name="manager"/> (a clinic manager, or the integrating app's backend) may not invite
    /// <paramref name="userId"/>, or the person is deactivated. The link lasts <see cref="Invite.Lifetime"/>, or
    /// <paramref name="lifetime"/> when shorter; <paramref name="returnUrl"/> (already checked against the caller's
    /// allow-list) is offered once the person is connected.</summary>
    public async Task<InviteLink?> CreateAsync(ClaimsPrincipal manager, string userId, CancellationToken cancellationToken,
        TimeSpan? lifetime = null, string? returnUrl = null)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var person = await FindAsync(db, userId, cancellationToken);
        if (Refusal(manager, userId, person) is not null) return null;

        var now = time.GetUtcNow();
        var (invite, link) = NewInvite(manager, userId, now, lifetime is { } shorter && shorter < Invite.Lifetime ? shorter : Invite.Lifetime, returnUrl);
        db.Invites.Add(invite);
        db.Audit(now, AuditActions.InviteCreated, "created", invite.CreatedByUserId, userId, detail: $"expires {invite.ExpiresAt:yyyy-MM-dd HH:mm} UTC");
        await db.SaveChangesAsync(cancellationToken);
        Publish([person!]);
        return link;
    }

    /// <summary>A fresh link for <paramref name="userId"/>'s open invite (pending or expired): every earlier link stops
    /// working, and the new one lasts <see cref="Invite.Lifetime"/>. E-mailed when SMTP is set up and
    /// <paramref name="linkBase"/> (the portal's address, for an absolute link) is given.</summary>
    public async Task<InviteOutcome> ResendAsync(ClaimsPrincipal manager, string userId, Uri? linkBase, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var person = await FindAsync(db, userId, cancellationToken);
        if (Refusal(manager, userId, person) is { } refused) return refused;
        var open = await OpenInvitesAsync(db, userId, cancellationToken);
        if (open.Count == 0) return await NothingOpenAsync(db, person!, "resend", cancellationToken);

        var now = time.GetUtcNow();
        // The integrating app's wish to have the person back holds for the fresh link too.
        var (invite, link) = NewInvite(manager, userId, now, Invite.Lifetime, open.MaxBy(i => i.CreatedAt)!.ReturnUrl);
        foreach (var earlier in open) earlier.Cancel(now, replacedBy: invite.Id);
        db.Invites.Add(invite);
        db.Audit(now, AuditActions.InviteResent, "resent", invite.CreatedByUserId, userId,
            detail: $"expires {invite.ExpiresAt:yyyy-MM-dd HH:mm} UTC; {Links(open.Count)} stopped working");
        await db.SaveChangesAsync(cancellationToken);
        Publish([person!]);

        var mailed = await MailAsync(person!, link, linkBase, cancellationToken);
        return new(userId, person!.DisplayName, InviteResult.Resent,
            $"{(mailed == MailOutcome.Sent ? "E-mailed" : "Made")} a fresh invite link for {person.DisplayName}; the earlier link no longer works.")
        { Link = link, Mailed = mailed };
    }

    /// <summary>Stops <paramref name="userId"/>'s open invite at once: whoever follows its link is told it was cancelled.</summary>
    public async Task<InviteOutcome> CancelAsync(ClaimsPrincipal manager, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var person = await FindAsync(db, userId, cancellationToken);
        if (Refusal(manager, userId, person) is { } refused) return refused;
        var open = await OpenInvitesAsync(db, userId, cancellationToken);
        if (open.Count == 0) return await NothingOpenAsync(db, person!, "cancel", cancellationToken);

        var now = time.GetUtcNow();
        foreach (var invite in open) invite.Cancel(now);
        db.Audit(now, AuditActions.InviteCancelled, "cancelled", manager.UserId()!, userId, detail: $"{Links(open.Count)} stopped working");
        await db.SaveChangesAsync(cancellationToken);
        Publish([person!]);
        return new(userId, person!.DisplayName, InviteResult.Cancelled, $"Cancelled {person.DisplayName}'s invite; the link no longer works.");
    }

    /// <summary>Invites each of <paramref name="userIds"/> (at most <see cref="MaxPerBatch"/>) who may be invited and is
    /// not connected or already invited; an expired invite is replaced. One outcome per distinct id, in the order given,
    /// saying what was done or why the person was skipped. Links are e-mailed as <see cref="ResendAsync"/> does.</summary>
    public async Task<IReadOnlyList<InviteOutcome>> InviteManyAsync(ClaimsPrincipal manager, IReadOnlyCollection<string> userIds, Uri? linkBase,
        CancellationToken cancellationToken = default)
    {
        var ids = userIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > MaxPerBatch)
            return [.. ids.Select(id => new InviteOutcome(id, null, InviteResult.TooMany, $"Invite at most {MaxPerBatch} people at once; nobody was invited."))];
        var known = ids.Where(id => id.Length <= MaxUserIdLength).ToList();

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var people = await db.Users.AsNoTracking().Where(u => known.Contains(u.Id))
            .Select(u => new Invitee(u.Id, u.ClinicId, u.DisplayName, u.Email, u.DeactivatedAt)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var connecting = (await (from userRole in db.UserRoles
                                 join role in db.Roles on userRole.RoleId equals role.Id
                                 where known.Contains(userRole.UserId) && (role.Name == PortalRoles.Practitioner || role.Name == PortalRoles.Staff)
                                 select userRole.UserId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var connected = (await db.Connections.AsNoTracking()
            .Where(c => c.UserId != null && known.Contains(c.UserId) && c.State != ConnectionState.NotConnected && c.State != ConnectionState.Revoked)
            .Select(c => c.UserId!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var open = (await db.Invites.Where(i => known.Contains(i.UserId) && i.UsedAt == null && i.CancelledAt == null).ToListAsync(cancellationToken))
            .ToLookup(i => i.UserId, StringComparer.Ordinal);

        var now = time.GetUtcNow();
        var outcomes = new List<InviteOutcome>(ids.Count);
        var invited = new List<Invitee>();
        foreach (var id in ids)
        {
            var person = people.GetValueOrDefault(id);
            var skipped = Refusal(manager, id, person)
                ?? (!connecting.Contains(id) ? Skip(person!, InviteResult.DoesNotConnect, $"{person!.DisplayName} does not connect a Fullscript account of their own.")
                : connected.Contains(id) ? Skip(person!, InviteResult.AlreadyConnected, $"{person!.DisplayName} is already connected.")
                : open[id].Any(i => i.ExpiresAt > now) ? Skip(person!, InviteResult.AlreadyInvited, $"{person!.DisplayName} already has a pending invite; resend it from their row for a fresh link.")
                : null);
            if (skipped is not null)
            {
                outcomes.Add(skipped);
                continue;
            }
            var (invite, link) = NewInvite(manager, id, now, Invite.Lifetime, returnUrl: null);
            foreach (var expired in open[id]) expired.Cancel(now, replacedBy: invite.Id);
            db.Invites.Add(invite);
            db.Audit(now, AuditActions.InviteCreated, "created", invite.CreatedByUserId, id, detail: $"expires {invite.ExpiresAt:yyyy-MM-dd HH:mm} UTC (invited with others)");
            outcomes.Add(new(id, person!.DisplayName, InviteResult.Invited, $"Invited {person.DisplayName}.") { Link = link });
            invited.Add(person);
        }
        if (invited.Count == 0) return outcomes;
        await db.SaveChangesAsync(cancellationToken);
        Publish(invited);

        // Mail after the commit: the invites hold whether or not a message gets through, and the outcome says which did.
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes[i] is not { Link: { } link } outcome) continue;
            var mailed = await MailAsync(people[outcome.UserId], link, linkBase, cancellationToken);
            if (mailed is not null) outcomes[i] = outcome with { Mailed = mailed, Message = mailed == MailOutcome.Sent ? $"Invited {outcome.DisplayName} by e-mail." : outcome.Message };
        }
        return outcomes;
    }

    /// <summary>Spends the invite for the signed-in <paramref name="userId"/>; what went wrong, or null when it is good.</summary>
    public async Task<(ConnectNotice? Problem, Invite? Invite)> RedeemAsync(string userId, string token, CancellationToken cancellationToken)
    {
        if (token.Length > MaxTokenLength) return (ConnectNotice.InviteInvalid, null);
        var now = time.GetUtcNow();
        var hash = OAuthSecrets.Hash(token);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var invite = await db.Invites.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invite is null || invite.UserId != userId) return (ConnectNotice.InviteInvalid, null);
        if (Problem(invite, now) is { } problem) return (problem, null);

        // Spent only while still open: a cancel or another use that got there first wins.
        var spent = await db.Invites.Where(i => i.Id == invite.Id && i.UsedAt == null && i.CancelledAt == null)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (spent == 0)
            return (Problem(await db.Invites.AsNoTracking().SingleAsync(i => i.Id == invite.Id, cancellationToken), now) ?? ConnectNotice.InviteUsed, null);
        db.Audit(now, AuditActions.InviteUsed, "used", userId, userId, detail: $"invite from {invite.CreatedByUserId}");
        await db.SaveChangesAsync(cancellationToken);
        if (await FindAsync(db, userId, cancellationToken) is { } person) Publish([person]);
        return (null, invite);
    }

    /// <summary>Where the integrating app asked to have <paramref name="userId"/> back after connecting through
    /// <paramref name="inviteId"/>: only for their own, spent invite; null otherwise.</summary>
    public async Task<string?> ReturnUrlAsync(string userId, Guid inviteId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Invites.Where(i => i.Id == inviteId && i.UserId == userId && i.UsedAt != null).Select(i => i.ReturnUrl).SingleOrDefaultAsync(cancellationToken);
    }

    private static ConnectNotice? Problem(Invite invite, DateTimeOffset now) => invite.StatusAt(now) switch
    {
        InviteStatus.Used => ConnectNotice.InviteUsed,
        InviteStatus.Cancelled => invite.ReplacedById is null ? ConnectNotice.InviteCancelled : ConnectNotice.InviteReplaced,
        InviteStatus.Expired => ConnectNotice.InviteExpired,
        _ => null,
    };

    private sealed record Invitee(string Id, int? ClinicId, string DisplayName, string? Email, DateTimeOffset? DeactivatedAt);

    private static Task<Invitee?> FindAsync(PortalDbContext db, string userId, CancellationToken cancellationToken) =>
        userId.Length > MaxUserIdLength
            ? Task.FromResult<Invitee?>(null)
            : db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new Invitee(u.Id, u.ClinicId, u.DisplayName, u.Email, u.DeactivatedAt)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Why <paramref name="manager"/> may not touch this person's invites, or null. Unknown and out of scope read
    /// the same, so nobody learns who exists in another clinic.</summary>
    private static InviteOutcome? Refusal(ClaimsPrincipal manager, string userId, Invitee? person)
    {
        if (person is null || !ConnectionPolicy.Allows(manager, ConnectionAction.Invite, new ConnectionSubject(person.Id, person.ClinicId)))
            return new(userId, null, InviteResult.NotAllowed, "You may not invite this person, so nothing changed.");
        return person.DeactivatedAt is not null
            ? Skip(person, InviteResult.Deactivated, $"{person.DisplayName} is deactivated, so nothing changed.")
            : null;
    }

    private static InviteOutcome Skip(Invitee person, InviteResult result, string message) => new(person.Id, person.DisplayName, result, message);

    private static Task<List<Invite>> OpenInvitesAsync(PortalDbContext db, string userId, CancellationToken cancellationToken) =>
        db.Invites.Where(i => i.UserId == userId && i.UsedAt == null && i.CancelledAt == null).ToListAsync(cancellationToken);

    private static async Task<InviteOutcome> NothingOpenAsync(PortalDbContext db, Invitee person, string verb, CancellationToken cancellationToken)
    {
        var latest = await db.Invites.AsNoTracking().Where(i => i.UserId == person.Id).OrderByDescending(i => i.CreatedAt)
            .Select(i => new { i.UsedAt, i.CancelledAt }).FirstOrDefaultAsync(cancellationToken);
        var why = latest switch
        {
            null => $"{person.DisplayName} has no invite to {verb}",
            { UsedAt: not null } => $"{person.DisplayName}'s invite was already used, so there is nothing to {verb}",
            _ => $"{person.DisplayName}'s invite was already cancelled, so there is nothing to {verb}",
        };
        return Skip(person, InviteResult.NoOpenInvite, why + "; nothing changed.");
    }

    private static (Invite Invite, InviteLink Link) NewInvite(ClaimsPrincipal manager, string userId, DateTimeOffset now, TimeSpan lifetime, string? returnUrl)
    {
        var token = OAuthSecrets.NewRandomValue();
        var invite = new Invite
        {
            Id = Guid.NewGuid(),
            TokenHash = OAuthSecrets.Hash(token),
            UserId = userId,
            CreatedByUserId = manager.UserId()!,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
            ReturnUrl = returnUrl,
        };
        return (invite, new InviteLink(PathPrefix + token, invite.ExpiresAt));
    }

    private async Task<MailOutcome?> MailAsync(Invitee person, InviteLink link, Uri? linkBase, CancellationToken cancellationToken) =>
        linkBase is null || !emails.IsConfigured || string.IsNullOrEmpty(person.Email)
            ? null
            : await emails.SendConnectLinkAsync(person.Email, person.DisplayName, new Uri(linkBase, link.Path).AbsoluteUri, link.ExpiresAt, cancellationToken);

    // An invite is no connection (Guid.Empty names none): the change wakes the person's own pages and their clinic's and
    // support's grids, which redraw the person's row with its invite.
    private void Publish(IEnumerable<Invitee> people) =>
        notifier.Publish([.. people.Select(p => new ConnectionChange(Guid.Empty, p.Id, ClinicId: null, PersonClinicId: p.ClinicId))]);

    private static string Links(int count) => count == 1 ? "the earlier link" : $"{count} earlier links";
}
