namespace FullscriptPortal.Mail;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpTls
{
    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS: only for a relay on the same host or network, or a test server.</summary>
    None,
}
