using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Auth;

/// <summary>Setting up, checking and turning off a person's authenticator app, on Identity's authenticator support. Every
/// change that moves the security stamp re-issues the person's own sign-in cookie, so they stay signed in and the cookie
/// says whether two-step sign-in is on (<see cref="PortalClaims.TwoFactor"/>). Keys and recovery codes are never logged.</summary>
public sealed class AuthenticatorEnrolment(UserManager<PortalUser> users, SignInManager<PortalUser> signIn)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>The shared key to scan or type, made on first use.</summary>
    public async Task<AuthenticatorSetup> SetupAsync(PortalUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }
        return new AuthenticatorSetup(AuthenticatorQrCode.FormatKey(key), AuthenticatorQrCode.PngDataUri(AuthenticatorQrCode.Uri(user.Email ?? user.UserName!, key)));
    }

    /// <summary>Turns two-step sign-in on when <paramref name="typedCode"/> is the app's current code: the new recovery
    /// codes, to show once; null when the code is wrong.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(PortalUser user, string? typedCode)
    {
        var code = AuthenticatorCode.Normalize(typedCode);
        if (!AuthenticatorCode.IsAuthenticatorCode(code) || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            return null;
        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await signIn.RefreshSignInAsync(user);
        return [.. recoveryCodes ?? []];
    }

    /// <summary>A new set of recovery codes; the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(PortalUser user) =>
        [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];

    public Task<int> RecoveryCodesLeftAsync(PortalUser user) => users.CountRecoveryCodesAsync(user);

    /// <summary>Turns two-step sign-in off and forgets the key (a new app gets a new one), if <paramref name="typedCode"/>
    /// is a current authenticator code or an unused recovery code (then used up).</summary>
    public async Task<ConfirmOutcome> TurnOffAsync(PortalUser user, string? typedCode)
    {
        var outcome = await ConfirmAsync(user, typedCode);
        if (outcome != ConfirmOutcome.Confirmed) return outcome;
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return outcome;
    }

    // Wrong codes count towards the account lockout, as wrong passwords do, so a borrowed session cannot guess its way in.
    private async Task<ConfirmOutcome> ConfirmAsync(PortalUser user, string? typedCode)
    {
        if (await users.IsLockedOutAsync(user)) return ConfirmOutcome.LockedOut;
        var code = AuthenticatorCode.Normalize(typedCode);
        var confirmed = code.Length is > 0 and <= AuthenticatorCode.MaxLength && (AuthenticatorCode.IsAuthenticatorCode(code)
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded);
        if (confirmed)
        {
            await users.ResetAccessFailedCountAsync(user);
            return ConfirmOutcome.Confirmed;
        }
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? ConfirmOutcome.LockedOut : ConfirmOutcome.WrongCode;
    }
}

/// <summary>What the app shows while setting up: the key in groups of four and its QR code as a data: URI.</summary>
public sealed record AuthenticatorSetup(string FormattedKey, string QrCodeDataUri)
{
    /// <summary>Leaves the key out, so a logged setup never reveals it.</summary>
    public override string ToString() => nameof(AuthenticatorSetup);
}

public enum ConfirmOutcome
{
    Confirmed,
    WrongCode,
    LockedOut,
}
