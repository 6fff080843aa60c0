using FullscriptPortal.Mail;

namespace FullscriptPortal.Clinics;

/// <summary>One person's outcome of an invite action, with the sentence to show. <see cref="Link"/> is the fresh link (shown
/// once, to the one who made it) when one was made; <see cref="Mailed"/> says whether it was e-mailed.</summary>
public sealed record InviteOutcome(string UserId, string? DisplayName, InviteResult Result, string Message)
{
    public InviteLink? Link { get; init; }
    public MailOutcome? Mailed { get; init; }

    public bool Succeeded => Result is InviteResult.Invited or InviteResult.Resent or InviteResult.Cancelled;
}
