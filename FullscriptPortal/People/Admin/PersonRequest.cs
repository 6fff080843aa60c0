namespace FullscriptPortal.People;

/// <summary>A person as someone typed them: <paramref name="Role"/> is a portal role name, null when not one of the
/// givable ones.</summary>
public sealed record PersonRequest(string? Email, string? DisplayName, string? Role);
