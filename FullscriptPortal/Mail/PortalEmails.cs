using System.Globalization;
using System.Net;

namespace FullscriptPortal.Mail;

/// <summary>The two messages the portal sends: an account invitation and a connect link, each naming the portal and
/// when the link stops working (in UTC, since the portal does not know the reader's time zone).</summary>
public sealed class PortalEmails(PortalMailer mailer)
{
    public const string PortalName = "FullscriptPortal";

    public bool IsConfigured => mailer.IsConfigured;

    public Task<MailOutcome> SendInvitationAsync(string to, string name, string url, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        mailer.SendAsync(Compose(to, name, $"Your {PortalName} account",
            $"An account was made for you on {PortalName}, where you connect your Fullscript account. Open this link to choose your password:",
            url, expiresAt), cancellationToken);

    public Task<MailOutcome> SendConnectLinkAsync(string to, string name, string url, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        mailer.SendAsync(Compose(to, name, $"Connect your Fullscript account on {PortalName}",
            $"You are asked to connect your Fullscript account on {PortalName}. Sign in to the portal as yourself and open this link:",
            url, expiresAt), cancellationToken);

    private static PortalMail Compose(string to, string name, string subject, string lead, string url, DateTimeOffset expiresAt)
    {
        var expiry = expiresAt.UtcDateTime.ToString("dddd d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var text = $"""
            Hello {name},

            {lead}

            {url}

            The link works once and expires on {expiry}. If you did not expect this message, ignore it.

            {PortalName}
            """;
        var html = $"""
            <p>Hello {WebUtility.HtmlEncode(name)},</p>
            <p>{WebUtility.HtmlEncode(lead)}</p>
            <p><a href="{WebUtility.HtmlEncode(url)}">{WebUtility.HtmlEncode(url)}</a></p>
            <p>The link works once and expires on {WebUtility.HtmlEncode(expiry)}. If you did not expect this message, ignore it.</p>
            <p>{PortalName}</p>
            """;
        return new PortalMail(to, name, subject, text, html);
    }
}
