using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace FullscriptPortal.Balancer;

/// <summary>The portal's own load balancer, for running several instances on one machine or trying scale-out:
/// <c>dotnet FullscriptPortal.dll balancer --urls http://127.0.0.1:5300 --Balancer:Destinations:0=http://127.0.0.1:5301
/// ...</c>. It is YARP with sticky sessions, WebSockets passed through, health checks and forwarded headers; nothing of
/// the portal runs in this mode.</summary>
public static class LoadBalancer
{
    /// <summary>The first argument that turns the process into the balancer.</summary>
    public const string Verb = "balancer";

    public const string DestinationHeader = "X-Balancer-Destination";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <summary>Runs the balancer until the process is stopped; 2 (with the setting to fix on standard error) when the
    /// settings are wrong.</summary>
    public static int Run(string[] args)
    {
        var app = Build(args[1..], out var problem);
        if (app is null)
        {
            Console.Error.WriteLine(problem);
            return 2;
        }
        app.Run();
        return 0;
    }

    /// <summary>The balancer, not started; null with the reason when the settings are wrong.</summary>
    public static WebApplication? Build(string[] args, out string? problem)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.Configuration.GetSection(BalancerOptions.Section).Get<BalancerOptions>() ?? new BalancerOptions();
        problem = options.Problem();
        if (problem is not null) return null;

        var proxy = builder.Services.AddReverseProxy().LoadFromMemory(BalancerProxyConfig.Routes, [BalancerProxyConfig.Cluster(options)]);
        if (options.ShowDestination)
        {
            proxy.AddTransforms(transforms => transforms.AddResponseTransform(response =>
            {
                if (response.HttpContext.Features.Get<IReverseProxyFeature>()?.ProxiedDestination is { } destination)
                    response.HttpContext.Response.Headers[DestinationHeader] = destination.DestinationId;
                return ValueTask.CompletedTask;
            }));
        }
        var app = builder.Build();
        app.MapReverseProxy();
        return app;
    }
}
