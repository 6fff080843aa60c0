using Microsoft.Extensions.FileProviders;

namespace FullscriptPortal.Components;

/// <summary>Serves the Fullscript button pack (the repository's wwwroot-assets, copied beside the app at build) under /brand.</summary>
public static class BrandAssets
{
    public const string RequestPath = "/brand";

    public static WebApplication UseBrandAssets(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "brand")),
            RequestPath = RequestPath,
            // Said outright, or the pipeline's no-store default would make every page fetch the logo again.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=86400",
        });
        return app;
    }
}
