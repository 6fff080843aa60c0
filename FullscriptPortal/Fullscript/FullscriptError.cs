namespace FullscriptPortal.Fullscript;

/// <summary>An expected failure of a Fullscript call, in RFC 6749 terms where Fullscript gave them.</summary>
public sealed record FullscriptError(FailureKind Kind, string Code, string? Description = null, int? Status = null, TimeSpan? RetryAfter = null)
{
    public bool IsTransient => Kind == FailureKind.Transient;
}
