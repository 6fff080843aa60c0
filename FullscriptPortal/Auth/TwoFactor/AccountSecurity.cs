namespace FullscriptPortal.Auth;

/// <summary>Where the second factor is set up and where sign-in asks for it.</summary>
public static class AccountSecurity
{
    public const string Path = "/account/security";
    public const string AuthenticatorSignInPath = "/account/signin/2fa";
    public const string RecoveryCodeSignInPath = "/account/signin/recovery";
    public const string ChangePasswordPath = "/account/password";

    /// <summary>The sign-in step that asks for the authenticator code, keeping where the person was going.</summary>
    public static string AuthenticatorSignIn(string? returnUrl) => WithReturnUrl(AuthenticatorSignInPath, returnUrl);

    public static string RecoveryCodeSignIn(string? returnUrl) => WithReturnUrl(RecoveryCodeSignInPath, returnUrl);

    // Escaped, so a non-ASCII return path never reaches a Location header raw.
    private static string WithReturnUrl(string path, string? returnUrl) =>
        LocalPath.OrHome(returnUrl) is var local && local == "/" ? path : $"{path}?ReturnUrl={Uri.EscapeDataString(local)}";
}
