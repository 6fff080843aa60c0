using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using FullscriptPortal.Auth;
using FullscriptPortal.Connect;
using FullscriptPortal.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Api;

/// <summary>Authenticates <c>Authorization: Bearer fsp_…</c> against the stored key hashes. The principal it makes is an
/// <see cref="PortalRoles.ApiClient"/>, scoped to the key's clinic when it has one, and named after the key, which is
/// what the audit trail records.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<PortalDbContext> dbs,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "portal:api_key_id";

    /// <summary>Last-used times are written at most this often per key, so a busy backend does not write on every call.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header)
            || !header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var secret = header.Parameter?.ToString() ?? "";
        if (!secret.StartsWith(ApiKeys.SecretPrefix, StringComparison.Ordinal) || secret.Length > ApiKeys.MaxSecretLength)
            return AuthenticateResult.Fail("The API key is not valid.");

        var hash = OAuthSecrets.Hash(secret);
        await using var db = await dbs.CreateDbContextAsync(Context.RequestAborted);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("The API key is not valid.");
        if (!key.IsActive) return AuthenticateResult.Fail("The API key was revoked.");

        var now = time.GetUtcNow();
        if (key.LastUsedAt is null || key.LastUsedAt + LastUsedResolution <= now)
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, now), Context.RequestAborted);

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, ApiActor.Of(key.Name)),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, PortalRoles.ApiClient),
            new(KeyIdClaim, key.Id.ToString()),
        ];
        if (key.ClinicId is { } clinicId) claims.Add(new(PortalClaims.ClinicId, clinicId.ToString(CultureInfo.InvariantCulture)));
        if (key.AllowedReturnOrigins.Length > 0) claims.Add(new(ApiActor.ReturnOriginsClaim, key.AllowedReturnOrigins));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiProblems.Unauthorized(failure ?? "Send an API key as Authorization: Bearer <key>.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Forbidden("This API key may not do that.").ExecuteAsync(Context);
}
