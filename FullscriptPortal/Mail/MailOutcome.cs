namespace FullscriptPortal.Mail;

public enum MailOutcome
{
    Sent,

    /// <summary>No <c>Email:Smtp:Host</c>: the portal sends no mail and the caller hands the link on itself.</summary>
    NotConfigured,

    /// <summary>The server refused or could not be reached; logged, and reported to the caller, never thrown.</summary>
    Failed,
}
