using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Auth;

/// <summary>Refuses passwords that attackers try first (the shipped <c>common-passwords.txt</c>, compared case-insensitively)
/// and passwords that contain the person's own e-mail name: length alone lets "Password123!" through.</summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<PortalUser>
{
    public const string TooCommonCode = "PasswordTooCommon";
    public const string TooCommon = "This password is too common. Choose a longer phrase that isn't on lists of common passwords.";
    public const string ContainsEmailCode = "PasswordContainsEmail";
    public const string ContainsEmail = "This password contains your e-mail name. Choose one that doesn't.";

    // Shorter e-mail names ("jo") turn up inside unrelated words, so only these are checked.
    private const int ShortestEmailNameChecked = 3;

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success);
        List<IdentityError> errors = [];
        if (IsCommon(password))
            errors.Add(new IdentityError { Code = TooCommonCode, Description = TooCommon });
        if (EmailName(user.Email ?? user.UserName) is { Length: >= ShortestEmailNameChecked } name
            && password.Contains(name, StringComparison.OrdinalIgnoreCase))
            errors.Add(new IdentityError { Code = ContainsEmailCode, Description = ContainsEmail });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim());

    /// <summary>How many passwords the shipped list holds.</summary>
    public static int ListSize => Common.Value.Count;

    private static string? EmailName(string? email) =>
        email?.IndexOf('@') is int at && at > 0 ? email[..at] : null;

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var passwords = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#')) passwords.Add(line);
        }
        return passwords.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    private const string ResourceName = "FullscriptPortal.Auth.Passwords.common-passwords.txt";
}
