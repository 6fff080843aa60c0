namespace FullscriptPortal.Fullscript;

/// <summary>The servers of fullscript-api.md. A connection stores the key of the server that issued it.</summary>
public static class FullscriptServerKeys
{
    public const string Simulator = "simulator";
    public const string UsSandbox = "us-sandbox";
    public const string CaSandbox = "ca-sandbox";
    public const string Us = "us";
    public const string Ca = "ca";

    public static readonly IReadOnlyDictionary<string, Uri> DocumentedApiBases = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase)
    {
        [UsSandbox] = new("https://api-us-snd.fullscript.io/api"),
        [CaSandbox] = new("https://api-ca-snd.fullscript.io/api"),
        [Us] = new("https://api-us.fullscript.io/api"),
        [Ca] = new("https://api-ca.fullscript.io/api"),
    };

    public static readonly IReadOnlyList<string> All = [Simulator, UsSandbox, CaSandbox, Us, Ca];

    public static bool IsKnown(string? key) => key is not null && All.Contains(key, StringComparer.OrdinalIgnoreCase);

    public static bool IsSimulator(string? key) => string.Equals(key, Simulator, StringComparison.OrdinalIgnoreCase);

    public static string DisplayName(string key) => key.ToLowerInvariant() switch
    {
        Simulator => "Simulator",
        UsSandbox => "US sandbox",
        CaSandbox => "Canada sandbox",
        Us => "US",
        Ca => "Canada",
        _ => key,
    };
}
