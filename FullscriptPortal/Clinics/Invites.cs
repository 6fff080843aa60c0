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

    /// <summary>Null when <paramref name="manager"/> may not invite <paramref name="userId"/>.</summary>
    public async Task<InviteLink?> CreateAsync(ClaimsPrincipal manager, string userId, CancellationToken cancellationToken)
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
            ExpiresAt = now + Invite.Lifetime,
        };
        db.Invites.Add(invite);
        db.Audit(now, AuditActions.InviteCreated, "created", invite.CreatedByUserId, userId, detail: $"expires {invite.ExpiresAt:yyyy-MM-dd HH:mm} UTC");
        await db.SaveChangesAsync(cancellationToken);
        return new InviteLink(PathPrefix + token, invite.ExpiresAt);
    }

    /// <summary>Spends the invite for the signed-in <paramref name="userId"/>; what went wrong, or null when it is good.</summary>
    public async Task<ConnectNotice?> RedeemAsync(string userId, string token, CancellationToken cancellationToken)
    {
        if (token.Length > MaxTokenLength) return ConnectNotice.InviteInvalid;
        var now = time.GetUtcNow();
        var hash = OAuthSecrets.Hash(token);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var invite = await db.Invites.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invite is null || invite.UserId != userId) return ConnectNotice.InviteInvalid;
        if (invite.UsedAt is not null) return ConnectNotice.InviteUsed;
        if (invite.ExpiresAt <= now) return ConnectNotice.InviteExpired;

        var spent = await db.Invites.Where(i => i.Id == invite.Id && i.UsedAt == null)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (spent == 0) return ConnectNotice.InviteUsed;
        db.Audit(now, AuditActions.InviteUsed, "used", userId, userId, detail: $"invite from {invite.CreatedByUserId}");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
