using FullscriptPortal.Fullscript;

namespace FullscriptPortal.Lifecycle;

public static class LifecycleRegistration
{
    /// <summary>The background worker and the budget its work spends.</summary>
    public static WebApplicationBuilder AddLifecycle(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IFullscriptCallLedger, DatabaseCallLedger>();
        builder.Services.AddSingleton<FullscriptBudget>();
        builder.Services.AddTransient<FullscriptBudgetHandler>();
        // Added after AddFullscript's resilience handler, so it sits inside it and every attempt counts against the budget.
        builder.Services.AddHttpClient<FullscriptClient>().AddHttpMessageHandler<FullscriptBudgetHandler>();
        builder.Services.AddSingleton<WorkerHeartbeat>();
        builder.Services.AddScoped<LifecycleSweep>();
        builder.Services.AddHostedService<LifecycleWorker>();
        return builder;
    }
}
