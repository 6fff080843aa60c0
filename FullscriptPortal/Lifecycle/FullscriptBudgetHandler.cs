namespace FullscriptPortal.Lifecycle;

/// <summary>Counts every attempt that leaves for Fullscript, in-call retries included.</summary>
public sealed class FullscriptBudgetHandler(FullscriptBudget budget) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        budget.Record();
        return base.SendAsync(request, cancellationToken);
    }
}
