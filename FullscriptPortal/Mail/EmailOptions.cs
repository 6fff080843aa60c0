namespace FullscriptPortal.Mail;

/// <summary>The <c>Email</c> section: how the portal sends e-mail, if at all.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public SmtpOptions Smtp { get; set; } = new();
}
