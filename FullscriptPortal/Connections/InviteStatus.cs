namespace FullscriptPortal.Connections;

/// <summary>Where a person's latest connect invite stands. Its name, lower-cased, is what the CSV export writes.</summary>
public enum InviteStatus
{
    /// <summary>Sent and still good: the person can follow the link.</summary>
    Pending,

    /// <summary>Never used, and past its expiry: the manager should resend it.</summary>
    Expired,

    /// <summary>Stopped by a manager before anyone used it.</summary>
    Cancelled,

    /// <summary>Followed by the person (who then connected, or may still be connecting).</summary>
    Used,
}
