namespace FullscriptPortal.Audit;

public sealed record AuditFilter(string? Person = null, string? Action = null, string? Outcome = null, string? RequestId = null,
    int Page = 0, int PageSize = 50)
{
    public const int MaxTextLength = 100;
}
