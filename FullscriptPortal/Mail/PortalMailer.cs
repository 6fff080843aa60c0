using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace FullscriptPortal.Mail;

/// <summary>Sends one message through the configured SMTP server with a fresh connection each time (the portal sends
/// a few messages a day, so no pool to go stale). Does nothing without <c>Email:Smtp:Host</c>. Never throws for a send
/// that fails and never logs the body: it carries a single-use link.</summary>
public sealed partial class PortalMailer(IOptionsMonitor<EmailOptions> options, TimeProvider time, ILogger<PortalMailer> logger)
{
    public bool IsConfigured => options.CurrentValue.Smtp.IsConfigured;

    public async Task<MailOutcome> SendAsync(PortalMail mail, CancellationToken cancellationToken)
    {
        var smtp = options.CurrentValue.Smtp;
        if (!smtp.IsConfigured) return MailOutcome.NotConfigured;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(smtp.Timeout);
        try
        {
            using var message = Compose(smtp, mail);
            using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
            await client.ConnectAsync(smtp.Host!, smtp.Port, Security(smtp.UseTls), timeout.Token);
            if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", timeout.Token);
            await client.SendAsync(message, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            LogSent(logger, smtp.Host!);
            return MailOutcome.Sent;
        }
        catch (Exception failure) when (failure is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException
            or CommandException or AuthenticationException or SslHandshakeException or OperationCanceledException or ParseException
            // A server without STARTTLS when StartTls is asked for (NotSupported), or one that dropped us mid-way.
            or NotSupportedException or InvalidOperationException
            && !cancellationToken.IsCancellationRequested)
        {
            // The type and the server's words only: the exception never holds the message body, but say so by not passing it on.
            LogFailed(logger, smtp.Host!, failure.GetType().Name, failure.Message);
            return MailOutcome.Failed;
        }
    }

    private MimeMessage Compose(SmtpOptions smtp, PortalMail mail)
    {
        var message = new MimeMessage { Subject = mail.Subject, Date = time.GetUtcNow() };
        message.From.Add(MailboxAddress.Parse(smtp.From!));
        message.To.Add(new MailboxAddress(mail.ToName, mail.To));
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        return message;
    }

    private static SecureSocketOptions Security(SmtpTls tls) => tls switch
    {
        SmtpTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpTls.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    [LoggerMessage(LogLevel.Information, "Sent a portal e-mail through {SmtpHost}.")]
    private static partial void LogSent(ILogger logger, string smtpHost);

    [LoggerMessage(LogLevel.Warning, "Could not send a portal e-mail through {SmtpHost}: {FailureType}: {FailureMessage}")]
    private static partial void LogFailed(ILogger logger, string smtpHost, string failureType, string failureMessage);
}
