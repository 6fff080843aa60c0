namespace FullscriptPortal.Connect;

public static class ConnectRegistration
{
    /// <summary>Steps 1 to 3 of the flow: the redirect to Fullscript, the callback, and the code exchange.</summary>
    public static WebApplicationBuilder AddConnect(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AuthorizationFlow>();
        builder.Services.AddScoped<CodeExchanger>();
        builder.Services.AddScoped<ConnectionsCircuitService>();
        builder.Services.AddSingleton<CallbackExchanges>();
        return builder;
    }
}
