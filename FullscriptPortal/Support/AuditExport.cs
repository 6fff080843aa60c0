using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using FullscriptPortal.Audit;
using FullscriptPortal.Auth;

namespace FullscriptPortal.Support;

/// <summary><c>GET /support/audit/export.csv</c>: the audit trail with the page's filters, as CSV, for support only and
/// never cached. The trail holds no token, code or secret, so neither does the file; cells a spreadsheet would run as
/// formulas are escaped.</summary>
public static class AuditExport
{
    public const string Path = "/support/audit/export.csv";
    private const int MaxRows = 50_000;
    private const int PageSize = 200;

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext http, AuditTrailQuery audit, TimeProvider time,
            string? person, string? action, string? outcome, string? requestId, string? from, string? to) =>
        {
            if (new[] { person, action, outcome, requestId }.Any(text => text?.Length > AuditFilter.MaxTextLength))
                return Results.BadRequest($"Each filter takes at most {AuditFilter.MaxTextLength} characters.");
            if (!TryInstant(from, out var fromAt) || !TryInstant(to, out var toAt))
                return Results.BadRequest("from and to must be ISO 8601 instants, e.g. 2026-11-28T00:00:00Z.");

            var filter = new AuditFilter(person, action, outcome, requestId, PageSize: PageSize, From: fromAt, To: toAt);
            var now = time.GetUtcNow();
            http.Response.Headers.CacheControl = "no-store";
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-trail-{now:yyyyMMdd-HHmm}.csv\"";
            await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
            csv.WriteHeader<ExportRow>();
            await csv.NextRecordAsync();
            for (var page = 0; page * PageSize < MaxRows; page++)
            {
                var (rows, _) = await audit.QueryAsync(http.User, filter with { Page = page }, http.RequestAborted);
                foreach (var row in rows)
                {
                    csv.WriteRecord(ExportRow.From(row));
                    await csv.NextRecordAsync();
                }
                if (rows.Count < PageSize) break;
            }
            return Results.Empty;
        }).RequireAuthorization(policy => policy.RequireRole(PortalRoles.Support));
        return app;
    }

    private static bool TryInstant(string? text, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (text.Length > 40 || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        instant = parsed;
        return true;
    }

    private sealed record ExportRow(string AtUtc, string Event, string Outcome, string Actor, string? Person, string? Details,
        string? FullscriptRequestId, string EventCode, string OutcomeCode)
    {
        public static ExportRow From(AuditRow row)
        {
            var e = row.Entry;
            return new(e.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), AuditEventNames.Words(e.Action), AuditEventNames.OutcomeWords(e.Outcome),
                row.Actor, row.Subject, e.Detail, e.FullscriptRequestId, e.Action, e.Outcome);
        }
    }
}
