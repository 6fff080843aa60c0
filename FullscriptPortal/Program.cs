using FullscriptPortal;
using FullscriptPortal.Balancer;

// `dotnet FullscriptPortal.dll balancer ...` runs the load balancer in front of several instances instead (docs/scale-out.md).
if (LoadBalancer.IsRequested(args)) return LoadBalancer.Run(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();

var app = builder.Build();
app.MapPortal();
app.Run();
return 0;

public partial class Program;
