namespace FullscriptPortal.Connections;

public static class ConnectionsRegistration
{
    public static WebApplicationBuilder AddConnections(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.Section);
        builder.Services.AddSingleton<TokenProtector>();
        builder.Services.AddSingleton<ConnectionNotifier>();
        builder.Services.AddSingleton<ConnectionChangePublisher>();
        builder.Services.AddSingleton<RefreshCoordinator>();
        builder.Services.AddSingleton<PortalInstance>();
        builder.Services.AddSingleton<FullscriptBudget>();
        builder.Services.AddSingleton<PortalMetrics>();
        builder.Services.AddSingleton<WorkerHeartbeat>();
        builder.Services.AddScoped<ConnectionTokens>();
        builder.Services.AddScoped<ConnectionProbe>();
        builder.Services.AddScoped<Disconnector>();
        builder.Services.AddScoped<LifecycleSweep>();
        builder.Services.AddScoped<ConnectionDirectory>();
        builder.Services.AddHostedService<LifecycleWorker>();
        builder.Services.AddScoped<AuthorizationFlow>();
        builder.Services.AddScoped<CodeExchanger>();
        builder.Services.AddScoped<ConnectionsCircuitService>();
        return builder;
    }
}
