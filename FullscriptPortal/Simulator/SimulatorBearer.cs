namespace FullscriptPortal.Simulator;

/// <summary>The bearer token of a simulated API call, and the 401 Fullscript answers for a bad one.</summary>
internal static class SimulatorBearer
{
    public static async Task<SimulatedClinic?> ClinicOfAsync(HttpContext http, SimulatedFullscript fullscript)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
        return string.IsNullOrEmpty(token) ? null : await fullscript.ClinicForAsync(token, http.RequestAborted);
    }

    /// <summary>RFC 6750 3: the challenge that goes with a 401 for a bad bearer token.</summary>
    public const string Challenge = "Bearer realm=\"Fullscript simulator\", error=\"invalid_token\"";

    public static IResult InvalidToken(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = Challenge;
        return TypedResults.Json(new SimNotFound("invalid_token", "The access token is invalid, expired or revoked."), SimulatorClinicJson.Default.SimNotFound, statusCode: 401);
    }
}
