namespace FullscriptPortal.Fullscript;

/// <summary>Fullscript's empty 200 answer to a revoke.</summary>
public sealed class RevokeAccepted
{
    public static readonly RevokeAccepted Instance = new();

    private RevokeAccepted() { }
}
