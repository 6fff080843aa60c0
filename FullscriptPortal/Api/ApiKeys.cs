using System.Security.Claims;
using FullscriptPortal.Audit;
using FullscriptPortal.Auth;
using FullscriptPortal.Connect;
using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Api;

/// <summary>Support's keys for the integrating app's backend: made with a name and a scope, shown once, revocable.</summary>
public sealed class ApiKeys(IDbContextFactory<PortalDbContext> dbs, TimeProvider time)
{
    public const string SecretPrefix = "fsp_";
    public const int MaxNameLength = 100;
    public const int MaxSecretLength = 100;

    /// <summary>Null with the reason when <paramref name="support"/> may not make it or the input is not valid.</summary>
    public async Task<(NewApiKey? Key, string? Error)> CreateAsync(ClaimsPrincipal support, string name, int? clinicId,
        IEnumerable<string> returnOrigins, CancellationToken cancellationToken)
    {
        if (!support.IsInRole(PortalRoles.Support)) return (null, "Only support staff manage API keys.");
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength) return (null, $"Give the key a name of 1 to {MaxNameLength} characters.");
        var origins = new List<string>();
        foreach (var origin in returnOrigins.Select(o => o.Trim()).Where(o => o.Length > 0))
        {
            if (ReturnOrigins.Normalize(origin) is not { } normalized) return (null, $"\"{origin}\" is not an https origin such as https://ehr.example.com.");
            origins.Add(normalized);
        }

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (clinicId is { } id && !await db.Clinics.AnyAsync(c => c.Id == id, cancellationToken)) return (null, "There is no such clinic.");
        if (await db.ApiKeys.AnyAsync(k => k.Name == name && k.RevokedAt == null, cancellationToken)) return (null, "A key with this name exists; pick another name.");

        var secret = SecretPrefix + OAuthSecrets.NewRandomValue();
        var now = time.GetUtcNow();
        var key = new ApiKey
        {
            Id = Guid.NewGuid(),
            Name = name,
            Prefix = secret[..12],
            KeyHash = OAuthSecrets.Hash(secret),
            ClinicId = clinicId,
            AllowedReturnOrigins = string.Join(' ', origins.Distinct(StringComparer.Ordinal)),
            CreatedByUserId = support.UserId()!,
            CreatedAt = now,
        };
        db.ApiKeys.Add(key);
        db.Audit(now, AuditActions.ApiKeyCreated, "created", key.CreatedByUserId, detail: $"{key.Name} ({key.Prefix}…), {(clinicId is null ? "all clinics" : $"clinic {clinicId}")}");
        await db.SaveChangesAsync(cancellationToken);
        return (new NewApiKey((await ViewsAsync(db, db.ApiKeys.Where(k => k.Id == key.Id), cancellationToken)).Single(), secret), null);
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(ClaimsPrincipal support, CancellationToken cancellationToken)
    {
        if (!support.IsInRole(PortalRoles.Support)) return [];
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await ViewsAsync(db, db.ApiKeys.OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name), cancellationToken);
    }

    /// <summary>False when there was no active key to revoke (or the caller may not).</summary>
    public async Task<bool> RevokeAsync(ClaimsPrincipal support, Guid keyId, CancellationToken cancellationToken)
    {
        if (!support.IsInRole(PortalRoles.Support)) return false;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId && k.RevokedAt == null, cancellationToken);
        if (key is null) return false;
        var now = time.GetUtcNow();
        (key.RevokedAt, key.RevokedByUserId) = (now, support.UserId());
        db.Audit(now, AuditActions.ApiKeyRevoked, "revoked", support.UserId()!, detail: $"{key.Name} ({key.Prefix}…)");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static async Task<IReadOnlyList<ApiKeyView>> ViewsAsync(PortalDbContext db, IQueryable<ApiKey> keys, CancellationToken cancellationToken)
    {
        var rows = await (
            from key in keys.AsNoTracking()
            join clinic in db.Clinics on key.ClinicId equals clinic.Id into clinics
            from clinic in clinics.DefaultIfEmpty()
            join creator in db.Users on key.CreatedByUserId equals creator.Id into creators
            from creator in creators.DefaultIfEmpty()
            select new { key, ClinicName = clinic == null ? null : clinic.Name, CreatorName = creator == null ? null : creator.DisplayName })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ApiKeyView(r.key.Id, r.key.Name, r.key.Prefix, r.key.ClinicId, r.ClinicName,
            r.key.AllowedReturnOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.CreatorName ?? r.key.CreatedByUserId,
            r.key.CreatedAt, r.key.LastUsedAt, r.key.RevokedAt))];
    }
}
