using System.Diagnostics;
using System.Globalization;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Home;

namespace FullscriptPortal.Tests.Components;

/// <summary>The card's countdown (C#) and the grid's (countdown.js, in the browser) read the same, checked on one table.</summary>
public sealed class CountdownFormatTests
{
    private static readonly (double Seconds, string Text)[] Table =
    [
        (7200, "2:00:00"), (3600, "1:00:00"), (3599.5, "1:00:00"), (3599, "59:59"), (61, "1:01"), (60, "1:00"),
        (0.2, "0:01"), (0.001, "0:01"), (0, "Expired"), (-5, "Expired"), (36_000, "10:00:00"),
    ];

    public static TheoryData<double, string> Cases()
    {
        var cases = new TheoryData<double, string>();
        foreach (var (seconds, text) in Table) cases.Add(seconds, text);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Time_left_is_written_as_hours_minutes_and_seconds(double seconds, string expected) =>
        CountdownFormat.Format(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    [Fact]
    public async Task The_browser_writes_every_countdown_as_the_server_does()
    {
        var ms = string.Join(", ", Table.Select(c => (c.Seconds * 1000).ToString(CultureInfo.InvariantCulture)));
        var output = await RunCountdownScriptAsync($"[{ms}].map(page.portalCountdown.format)");

        System.Text.Json.JsonSerializer.Deserialize<string[]>(output).Should().Equal(Table.Select(c => c.Text));
    }

    [Fact]
    public async Task The_browser_switches_the_cards_look_at_the_servers_thresholds()
    {
        var soon = (long)ConnectionCountdown.SoonThreshold.TotalMilliseconds;
        var output = await RunCountdownScriptAsync($"[{soon + 1}, {soon}, 1, 0, -5].map(ms => page.portalCountdown.phase(ms, {soon}))");

        System.Text.Json.JsonSerializer.Deserialize<string[]>(output).Should().Equal("", "soon", "soon", "expired", "expired");
    }

    // countdown.js runs in a bare context with just enough of a page to start; an expression over it is read back.
    private static async Task<string> RunCountdownScriptAsync(string expression)
    {
        var script = Path.Combine(RepositoryRoot(), "FullscriptPortal", "wwwroot", "countdown.js");
        var program = $$"""
            const vm = require("vm"), fs = require("fs");
            const page = { document: { querySelectorAll: () => [], documentElement: {} }, setInterval: () => 0,
                           MutationObserver: class { observe() {} }, Date };
            page.globalThis = page;
            vm.runInNewContext(fs.readFileSync({{System.Text.Json.JsonSerializer.Serialize(script)}}, "utf8"), page);
            process.stdout.write(JSON.stringify({{expression}}));
            """;
        using var node = Process.Start(new ProcessStartInfo("node", ["-e", program]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        node.ExitCode.Should().Be(0, await node.StandardError.ReadToEndAsync());
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FullscriptPortal.sln"))) return dir.FullName;
        throw new InvalidOperationException("FullscriptPortal.sln not found above the test output folder.");
    }
}
