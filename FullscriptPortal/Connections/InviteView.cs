namespace FullscriptPortal.Connections;

/// <summary>What a page may know about a person's latest connect invite: never its link (shown once, to whoever made it).</summary>
public sealed record InviteView(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, DateTimeOffset? CancelledAt)
{
    public InviteStatus StatusAt(DateTimeOffset now) => StatusOf(ExpiresAt, UsedAt, CancelledAt, now);

    /// <summary>Used or cancelled wins over expired: an invite followed in time is not "expired" a week later.</summary>
    public static InviteStatus StatusOf(DateTimeOffset expiresAt, DateTimeOffset? usedAt, DateTimeOffset? cancelledAt, DateTimeOffset now) =>
        usedAt is not null ? InviteStatus.Used
        : cancelledAt is not null ? InviteStatus.Cancelled
        : expiresAt <= now ? InviteStatus.Expired
        : InviteStatus.Pending;

    /// <summary>Open: not used and not cancelled, so it can be resent or cancelled (expired ones too).</summary>
    public bool IsOpen => UsedAt is null && CancelledAt is null;
}
