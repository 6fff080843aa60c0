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
