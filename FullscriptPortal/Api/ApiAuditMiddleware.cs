using FullscriptPortal.Audit;
using FullscriptPortal.Auth;
using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Api;

/// <summary>Writes one audit entry per API call made with a valid key: who (the key's name), what (method and route),
/// and the status answered. Never a token, never a body.</summary>
internal sealed class ApiAuditMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IDbContextFactory<PortalDbContext> dbs, TimeProvider time)
    {
        await next(http);
        if (!http.User.IsInRole(PortalRoles.ApiClient)) return;

        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        var externalId = http.Request.RouteValues.TryGetValue("externalId", out var id) ? $" {id}" : "";
        await using var db = await dbs.CreateDbContextAsync(CancellationToken.None);
        db.Audit(time.GetUtcNow(), AuditActions.ApiCall, http.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            http.User.UserId()!, detail: $"{http.Request.Method} {route}{externalId}");
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
