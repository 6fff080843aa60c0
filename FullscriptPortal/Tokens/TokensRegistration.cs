namespace FullscriptPortal.Tokens;

public static class TokensRegistration
{
    /// <summary>Keeping tokens usable: encryption at rest, single-flight refresh, the probe, and disconnect.</summary>
    public static WebApplicationBuilder AddTokens(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.Section);
        builder.Services.AddSingleton<TokenProtector>();
        builder.Services.AddSingleton<PerConnection<RefreshRun>>();
        builder.Services.AddSingleton<PerConnection<RefreshOutcome>>();
        builder.Services.AddSingleton<PortalInstance>();
        builder.Services.AddScoped<ConnectionTokens>();
        builder.Services.AddScoped<ConnectionProbe>();
        builder.Services.AddScoped<Disconnector>();
        return builder;
    }
}
