namespace FullscriptPortal.Fullscript;

public sealed class FullscriptServerOverride
{
    public string? ApiBase { get; set; }
    public string? AuthorizeUrl { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
}
