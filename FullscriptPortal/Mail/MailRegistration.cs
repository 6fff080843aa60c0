using Microsoft.Extensions.Options;

namespace FullscriptPortal.Mail;

public static class MailRegistration
{
    /// <summary>The <c>Email</c> settings (checked at start when SMTP is asked for) and the mailer.</summary>
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        builder.Services.AddSingleton<PortalMailer>();
        builder.Services.AddSingleton<PortalEmails>();
        return builder;
    }
}
