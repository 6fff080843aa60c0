namespace FullscriptPortal.Connections;

public static class ConnectionsRegistration
{
    public static WebApplicationBuilder AddConnections(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TokenProtector>();
        builder.Services.AddScoped<AuthorizationFlow>();
        builder.Services.AddScoped<CodeExchanger>();
        builder.Services.AddScoped<ConnectionsCircuitService>();
        return builder;
    }
}
