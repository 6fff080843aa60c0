namespace FullscriptPortal.Fullscript;

/// <summary>What Fullscript's token endpoint grants. <see cref="ToString"/> leaves the tokens out, so logging a
/// token set by accident leaks nothing.</summary>
public sealed record TokenSet(
    string AccessToken,
    string RefreshToken,
    string TokenType,
    int ExpiresIn,
    DateTimeOffset CreatedAt,
    string Scope,
    string ResourceOwnerId,
    string ResourceOwnerType)
{
    public DateTimeOffset ExpiresAt => CreatedAt.AddSeconds(ExpiresIn);

    public override string ToString() =>
        $"TokenSet {{ TokenType = {TokenType}, CreatedAt = {CreatedAt:O}, ExpiresIn = {ExpiresIn}, Scope = {Scope}, ResourceOwner = {ResourceOwnerType} {ResourceOwnerId} }}";
}
