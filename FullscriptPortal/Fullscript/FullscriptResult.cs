namespace FullscriptPortal.Fullscript;

/// <summary>The outcome of a Fullscript call: a value or an expected failure, with the X-Request-Id of the answer.</summary>
public sealed record FullscriptResult<T>(T? Value, FullscriptError? Error, string? RequestId) where T : class
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Value is not null;

    public static FullscriptResult<T> Ok(T value, string? requestId) => new(value, null, requestId);
    public static FullscriptResult<T> Fail(FullscriptError error, string? requestId) => new(null, error, requestId);
}
