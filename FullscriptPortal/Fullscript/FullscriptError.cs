namespace FullscriptPortal.Fullscript;

public enum FailureKind
{
    /// <summary>400/401 from the token endpoint: this grant is over; the user must authorize again.</summary>
    Rejected,

    /// <summary>5xx, 429, timeouts and network failures: worth another try later.</summary>
    Transient,

    /// <summary>A 2xx answer the portal cannot read.</summary>
    Malformed,
}

/// <summary>An expected failure of a Fullscript call, in RFC 6749 terms where Fullscript gave them.</summary>
public sealed record FullscriptError(FailureKind Kind, string Code, string? Description = null, int? Status = null, TimeSpan? RetryAfter = null)
{
    public bool IsTransient => Kind == FailureKind.Transient;
}

/// <summary>The outcome of a Fullscript call: a value or an expected failure, with the X-Request-Id of the answer.</summary>
public sealed record FullscriptResult<T>(T? Value, FullscriptError? Error, string? RequestId) where T : class
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Value is not null;

    public static FullscriptResult<T> Ok(T value, string? requestId) => new(value, null, requestId);
    public static FullscriptResult<T> Fail(FullscriptError error, string? requestId) => new(null, error, requestId);
}
