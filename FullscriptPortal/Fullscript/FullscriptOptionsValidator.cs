using Microsoft.Extensions.Options;

namespace FullscriptPortal.Fullscript;

/// <summary>Stops start-up with a sentence that names the setting to fix and how to set it.</summary>
internal sealed class FullscriptOptionsValidator : IValidateOptions<FullscriptOptions>
{
    public ValidateOptionsResult Validate(string? name, FullscriptOptions options)
    {
        var failures = new List<string>();
        if (!FullscriptServerKeys.IsKnown(options.Server))
        {
            failures.Add($"Fullscript:Server is '{options.Server}'; set it to one of {string.Join(", ", FullscriptServerKeys.All)}.");
            return ValidateOptionsResult.Fail(failures);
        }

        if (!options.IsSimulator)
        {
            var (clientId, clientSecret) = options.CredentialsFor(options.Server);
            RequireSetting(failures, clientId, "ClientId", "the OAuth application's client id from Fullscript's API dashboard");
            RequireSetting(failures, clientSecret, "ClientSecret", "the OAuth application's client secret");
            RequireSetting(failures, options.RedirectUri, "RedirectUri", "the redirect URI registered for the app, e.g. https://portal.example.com/oauth/fullscript/callback");
        }

        if (!string.IsNullOrWhiteSpace(options.RedirectUri) && !IsAbsoluteHttp(options.RedirectUri))
            failures.Add($"Fullscript:RedirectUri '{options.RedirectUri}' is not an absolute http(s) URL.");

        foreach (var (key, server) in options.Servers)
        {
            if (!FullscriptServerKeys.IsKnown(key))
                failures.Add($"Fullscript:Servers:{key} names no known server; use one of {string.Join(", ", FullscriptServerKeys.All)}.");
            if (server.ApiBase is { Length: > 0 } apiBase && !IsAbsoluteHttp(apiBase))
                failures.Add($"Fullscript:Servers:{key}:ApiBase '{apiBase}' is not an absolute http(s) URL.");
            if (server.AuthorizeUrl is { Length: > 0 } authorize && !IsAbsoluteHttp(authorize) && !authorize.StartsWith('/'))
                failures.Add($"Fullscript:Servers:{key}:AuthorizeUrl '{authorize}' is neither an absolute http(s) URL nor a path.");
        }

        if (options.HttpTimeout <= TimeSpan.Zero)
            failures.Add("Fullscript:HttpTimeout must be positive, e.g. 00:00:30.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireSetting(List<string> failures, string? value, string setting, string what)
    {
        if (!string.IsNullOrWhiteSpace(value)) return;
        failures.Add(
            $"Fullscript:{setting} is not set. Set it to {what}: `dotnet user-secrets set Fullscript:{setting} <value> --project FullscriptPortal` " +
            $"in development, or the environment variable Fullscript__{setting} on a server.");
    }

    private static bool IsAbsoluteHttp(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
