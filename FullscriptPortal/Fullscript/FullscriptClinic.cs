namespace FullscriptPortal.Fullscript;

/// <summary>The clinic a Fullscript user belongs to (<c>GET /clinic</c>).</summary>
public sealed record FullscriptClinic(string Id, string Name);
