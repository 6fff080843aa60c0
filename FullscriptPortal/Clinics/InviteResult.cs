namespace FullscriptPortal.Clinics;

/// <summary>What became of an invite action for one person: done, or why nothing changed.</summary>
public enum InviteResult
{
    Invited,
    Resent,
    Cancelled,

    /// <summary>Unknown, or outside what the caller may act on (another clinic's person): told apart from nobody.</summary>
    NotAllowed,
    Deactivated,

    /// <summary>Does not connect a Fullscript account of their own (a manager, say).</summary>
    DoesNotConnect,
    AlreadyConnected,

    /// <summary>Already holds a pending invite (invite several skips them; resend gives a fresh link).</summary>
    AlreadyInvited,

    /// <summary>Nothing to resend or cancel: never invited, or the latest invite was used or cancelled.</summary>
    NoOpenInvite,
    TooMany,
}
