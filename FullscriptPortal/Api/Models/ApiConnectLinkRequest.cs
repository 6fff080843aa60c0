namespace FullscriptPortal.Api;

/// <summary><c>send_email</c>: also e-mail the link to the person, when the portal has SMTP configured.</summary>
public sealed record ApiConnectLinkRequest(int? ExpiresIn, string? ReturnUrl, bool? SendEmail);
