using System.Threading.RateLimiting;
using FullscriptPortal.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace FullscriptPortal.Api;

/// <summary><c>/api/v1</c>: the integrating app's backend, signed in with an API key.</summary>
public static class ApiRegistration
{
    public const string Policy = "api-client";
    public const string RateLimitPolicy = "api-key";
    public const string BasePath = "/api/v1";

    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ApiKeys>();
        builder.Services.AddScoped<AccountInvitations>();
        builder.Services.AddFullscriptProxy();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireRole(PortalRoles.ApiClient));

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimitPolicy, http =>
            {
                var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<ApiOptions>>().CurrentValue;
                return RateLimitPartition.GetSlidingWindowLimiter(http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value ?? "",
                    _ => new SlidingWindowRateLimiterOptions { PermitLimit = options.RateLimit, Window = options.RateLimitWindow, SegmentsPerWindow = 6, QueueLimit = 0 });
            });
            limiter.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(10);
                return new ValueTask(ApiProblems.RateLimited(retryAfter).ExecuteAsync(context.HttpContext));
            };
        });

        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJson.Resolver));
        builder.Services.AddOpenApi("v1", openApi =>
        {
            openApi.ShouldInclude = endpoint => endpoint.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new() { Title = "FullscriptPortal API", Version = "v1", Description = "Connections to Fullscript for the integrating app's backend." };
                document.Components ??= new();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key made by support in the portal (Support → API keys).",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        var api = app.MapGroup(BasePath)
            .RequireAuthorization(Policy)
            .RequireRateLimiting(RateLimitPolicy)
            .WithTags("Connections")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapProvisioningApi();
        api.MapConnectionsApi();
        api.MapFullscriptProxy();
        app.MapOpenApi();
        // Its fonts from the portal's machine, not Scalar's CDN: the page's Content-Security-Policy allows no other site.
        if (app.Environment.IsDevelopment()) app.MapScalarApiReference(scalar => scalar.DisableDefaultFonts());
        return app;
    }

    /// <summary>API requests get problem details for every error, including a route that does not exist, and an audit entry.</summary>
    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseWhen(IsApi, api => api.UseStatusCodePages().UseMiddleware<ApiAuditMiddleware>());
        return app;
    }

    public static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments(BasePath);
}
