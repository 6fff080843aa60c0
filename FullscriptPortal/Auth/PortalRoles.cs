namespace FullscriptPortal.Auth;

/// <summary>The four kinds of portal user. Role names are stored in Identity, so they never change spelling.</summary>
public static class PortalRoles
{
    public const string Practitioner = nameof(Practitioner);
    public const string Staff = nameof(Staff);
    public const string ClinicManager = nameof(ClinicManager);
    public const string Support = nameof(Support);

    /// <summary>The integrating app's backend, signed in with an API key. Never stored in Identity and never a person.</summary>
    public const string ApiClient = nameof(ApiClient);

    public static readonly IReadOnlyList<string> All = [Practitioner, Staff, ClinicManager, Support];
}
