namespace FullscriptPortal.Simulator;

/// <summary>Fullscript's API beyond OAuth, as far as the portal's proxy needs it: the documented patient list with its
/// pagination (<c>page[number]</c>, <c>page[size]</c> up to 100, a <c>meta</c> block), and 404 for any other path.</summary>
internal static class SimulatorClinicApi
{
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapSimulatorClinicApi(this RouteGroupBuilder api)
    {
        api.MapGet("/clinic/patients", PatientsAsync);
        api.MapFallback(() => TypedResults.Json(new SimNotFound("not_found", "There is no such resource."), SimulatorClinicJson.Default.SimNotFound, statusCode: 404));
        return api;
    }

    private static async Task<IResult> PatientsAsync(HttpContext http, SimulatedFullscript fullscript)
    {
        if (await SimulatorBearer.ClinicOfAsync(http, fullscript) is not { } clinic) return SimulatorBearer.InvalidToken(http);
        var query = http.Request.Query;
        var number = int.TryParse(query["page[number]"], out var n) ? n : 1;
        var size = int.TryParse(query["page[size]"], out var s) ? s : 20;
        if (number < 1 || size < 1 || size > MaxPageSize)
            return TypedResults.Json(new SimNotFound("invalid_request", $"page[number] starts at 1; page[size] is 1 to {MaxPageSize}."), SimulatorClinicJson.Default.SimNotFound, statusCode: 400);

        var patients = SimulatedPatients.All.Where(p => p.ClinicId == clinic.Id).ToList();
        var pages = Math.Max(1, (int)Math.Ceiling(patients.Count / (double)size));
        var page = patients.Skip((number - 1) * size).Take(size)
            .Select(p => new SimPatientBody(p.Id, p.FirstName, p.LastName, p.Email)).ToList();
        return TypedResults.Json(new SimPatientPage(page, new SimPageMeta(number, number < pages ? number + 1 : null, number > 1 ? number - 1 : null, pages, patients.Count)),
            SimulatorClinicJson.Default.SimPatientPage);
    }
}
