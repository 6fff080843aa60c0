namespace FullscriptPortal.Mail;

/// <summary>The <c>Email:Smtp</c> section. Mail is off while <see cref="Host"/> is empty.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpTls UseTls { get; set; } = SmtpTls.StartTls;

    /// <summary>Sign in only when set; a local relay often needs none.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Portal &lt;portal@example.com&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>How long one send may take before it counts as failed, so an API call never hangs on a slow server.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
