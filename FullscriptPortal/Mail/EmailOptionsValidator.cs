using Microsoft.Extensions.Options;
using MimeKit;

namespace FullscriptPortal.Mail;

/// <summary>Stops start-up with a sentence naming the setting, but only once SMTP is asked for: without a host, mail is
/// simply off.</summary>
internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var smtp = options.Smtp;
        if (!smtp.IsConfigured) return ValidateOptionsResult.Success;

        var failures = new List<string>();
        if (smtp.Port is < 1 or > 65535)
            failures.Add($"Email:Smtp:Port is {smtp.Port}; set it to the SMTP server's port (587 for StartTls, 465 for SslOnConnect).");
        if (!Enum.IsDefined(smtp.UseTls))
            failures.Add("Email:Smtp:UseTls must be StartTls, SslOnConnect or None.");
        if (string.IsNullOrWhiteSpace(smtp.From) || !MailboxAddress.TryParse(smtp.From, out _))
            failures.Add("Email:Smtp:From is not a valid sender address; set it to e.g. \"Portal <portal@example.com>\" (required when Email:Smtp:Host is set).");
        if (!string.IsNullOrEmpty(smtp.UserName) && string.IsNullOrEmpty(smtp.Password))
            failures.Add("Email:Smtp:Password is not set although Email:Smtp:UserName is; set it with `dotnet user-secrets set Email:Smtp:Password <value>` or the environment variable Email__Smtp__Password.");
        if (smtp.Timeout <= TimeSpan.Zero)
            failures.Add("Email:Smtp:Timeout must be positive, e.g. 00:00:30.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
