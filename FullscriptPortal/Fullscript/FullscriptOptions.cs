namespace FullscriptPortal.Fullscript;

/// <summary>The <c>Fullscript</c> configuration section: which server this deployment connects new users to, and the
/// app's credentials there.</summary>
public sealed class FullscriptOptions
{
    public const string Section = "Fullscript";

    /// <summary>One of <see cref="FullscriptServerKeys.All"/>.</summary>
    public string Server { get; set; } = FullscriptServerKeys.UsSandbox;
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Must equal, character for character, the URI registered in Fullscript's API dashboard. May be left empty
    /// for the simulator, which then accepts the portal's own callback URL.</summary>
    public string? RedirectUri { get; set; }

    /// <summary>PKCE (S256). Fullscript does not document it, so it defaults to on for the simulator only.</summary>
    public bool? UsePkce { get; set; }

    /// <summary>Per-server overrides of the API base and the authorize URL, keyed by server key.</summary>
    public Dictionary<string, FullscriptServerOverride> Servers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The longest a call to Fullscript may take, in-call retries included.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public FullscriptRetryOptions Retry { get; set; } = new();

    /// <summary>Refresh an access token this long before it expires, so a call never starts with a token about to lapse.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Scopes every connection must have been granted; one without them needs reconnecting.</summary>
    public List<string> RequiredScopes { get; set; } = [];

    /// <summary>RoleBased (apps created on or after 26 Aug 2021: every user authorizes their own account) or ClinicLevel.</summary>
    public AuthorizationModel AuthorizationModel { get; set; } = AuthorizationModel.RoleBased;

    public bool IsSimulator => FullscriptServerKeys.IsSimulator(Server);

    /// <summary>The app's credentials at <paramref name="serverKey"/>: that server's own, else the top-level ones when it is
    /// the deployment's server. Sandbox and production are different Fullscript apps, so a connection made on a server the
    /// deployment has since moved away from keeps using that server's credentials.</summary>
    public (string? ClientId, string? ClientSecret) CredentialsFor(string serverKey)
    {
        var own = Servers.TryGetValue(serverKey, out var server) ? server : null;
        var isDefault = string.Equals(serverKey, Server, StringComparison.OrdinalIgnoreCase);
        return (Pick(own?.ClientId, isDefault ? ClientId : null), Pick(own?.ClientSecret, isDefault ? ClientSecret : null));

        static string? Pick(string? first, string? second) => string.IsNullOrWhiteSpace(first) ? string.IsNullOrWhiteSpace(second) ? null : second : first;
    }
    public bool PkceEnabled => UsePkce ?? IsSimulator;
}
