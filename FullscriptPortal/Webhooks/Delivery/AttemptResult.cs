namespace FullscriptPortal.Webhooks;

/// <summary>How one attempt went: a 2xx, or the status code and a short reason for the log (never the response body).</summary>
public sealed record AttemptResult(bool Succeeded, int? StatusCode, string? Error)
{
    public static AttemptResult Ok(int status) => new(true, status, null);

    public static AttemptResult Failed(int? status, string error) => new(false, status, error);
}
