namespace FullscriptPortal.Mail;

/// <summary>One message to one person, with a plain-text body and the same in simple HTML.</summary>
public sealed record PortalMail(string To, string ToName, string Subject, string Text, string Html);
