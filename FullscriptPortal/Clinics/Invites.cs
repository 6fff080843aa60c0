using System.Security.Claims;
using FullscriptPortal.Audit;
using FullscriptPortal.Auth;
using FullscriptPortal.Connect;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Clinics;

/// <summary>Invite links: made by a manager for one staff member of their clinic, good once, for 7 days, only for that
/// staff member once signed in.</summary>
public sealed class Invites(IDbContextFactory<PortalDbContext> dbs, TimeProvider time)
{
    public const string PathPrefix = "/invite/";
    public const int MaxTokenLength = 64;

    /// <summary>Null when <paramref name="manager"/> (a clinic manager, or the integrating app's backend) may not invite
    /// <paramref name="userId"/>. The link lasts <see cref="Invite.Lifetime"/>, or <paramref name="lifetime"/> when shorter;
    /// <paramref name="returnUrl"/> (already checked against the caller's allow-list) is offered once the person is connected.</summary>
    public async Task<InviteLink?> CreateAsync(ClaimsPrincipal manager, string userId, CancellationToken cancellationToken,
        TimeSpan? lifetime = null, string? returnUrl = null)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var subject = await db.SubjectAsync(userId, cancellationToken);
        if (subject is null || !ConnectionPolicy.Allows(manager, ConnectionAction.Invite, subject)) return null;

        var now = time.GetUtcNow();
        var token = OAuthSecrets.NewRandomValue();
        var invite = new Invite
        {
            Id = Guid.NewGuid(),
            TokenHash = OAuthSecrets.Hash(token),
            UserId = userId,
            CreatedByUserId = manager.UserId()!,
            CreatedAt = now,
            ExpiresAt = now + (lifetime is { } shorter && shorter < Invite.Lifetime ? shorter : Invite.Lifetime),
            ReturnUrl = returnUrl,
        };
        db.Invites.Add(invite);
        db.Audit(now, AuditActions.InviteCreated, "created", invite.CreatedByUserId, userId, detail: $"expires {invite.ExpiresAt:yyyy-MM-dd HH:mm} UTC");
        await db.SaveChangesAsync(cancellationToken);
        return new InviteLink(PathPrefix + token, invite.ExpiresAt);
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
        if (invite.UsedAt is not null) return (ConnectNotice.InviteUsed, null);
        if (invite.ExpiresAt <= now) return (ConnectNotice.InviteExpired, null);

        var spent = await db.Invites.Where(i => i.Id == invite.Id && i.UsedAt == null)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (spent == 0) return (ConnectNotice.InviteUsed, null);
        db.Audit(now, AuditActions.InviteUsed, "used", userId, userId, detail: $"invite from {invite.CreatedByUserId}");
        await db.SaveChangesAsync(cancellationToken);
        return (null, invite);
    }

    /// <summary>Where the integrating app asked to have <paramref name="userId"/> back after connecting through
    /// <paramref name="inviteId"/>: only for their own, spent invite; null otherwise.</summary>
    public async Task<string?> ReturnUrlAsync(string userId, Guid inviteId, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.Invites.Where(i => i.Id == inviteId && i.UserId == userId && i.UsedAt != null).Select(i => i.ReturnUrl).SingleOrDefaultAsync(cancellationToken);
    }
}
