using Microsoft.Extensions.Options;

namespace FullscriptPortal.Fullscript;

public static class FullscriptRegistration
{
    public static WebApplicationBuilder AddFullscript(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FullscriptOptions>()
            .BindConfiguration(FullscriptOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FullscriptOptions>, FullscriptOptionsValidator>();
        builder.Services.AddSingleton<FullscriptServerDirectory>();
        builder.Services.AddSingleton<FullscriptMetrics>();
        builder.Services.AddHttpClient<FullscriptClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddFullscriptResilience();
        return builder;
    }
}
