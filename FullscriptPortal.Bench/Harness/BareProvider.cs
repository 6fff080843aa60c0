using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FullscriptPortal.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Bench.Harness;

/// <summary>The baseline: token calls straight to the simulator over the same loopback, with nothing of the portal's in
/// between (no coordination, lease, storage, audit or notification).</summary>
internal sealed class BareProvider(BenchHost host) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = host.Address };
    private readonly SimulatorOptions _simulator = host.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;

    /// <summary>Refreshes every grant, <paramref name="concurrency"/> at a time; the time it took.</summary>
    public async Task<TimeSpan> RefreshAllAsync(IReadOnlyList<Seeder.SeededGrant> grants, int concurrency)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(grants, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (grant, token) => await RefreshAsync(grant.RefreshToken, token));
        return watch.Elapsed;
    }

    /// <summary>One refresh call; the new access token.</summary>
    public async Task<string> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsJsonAsync("/simulator/api/oauth/token", new
        {
            grant_type = "refresh_token",
            client_id = _simulator.ClientId,
            client_secret = _simulator.ClientSecret,
            refresh_token = refreshToken,
        }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("oauth").GetProperty("access_token").GetString()!;
    }

    /// <summary>What the code exchange asks of Fullscript, bare: a token call, then the clinic with the new token.</summary>
    public async Task<TimeSpan> TokenThenClinicAsync(string refreshToken)
    {
        var watch = Stopwatch.StartNew();
        var access = await RefreshAsync(refreshToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/simulator/api/clinic");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return watch.Elapsed;
    }

    public void Dispose() => _http.Dispose();
}
