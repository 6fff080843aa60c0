namespace FullscriptPortal.Simulator;

/// <summary>A few patients in each simulated clinic, so the proxy has a real list endpoint to page through.</summary>
public static class SimulatedPatients
{
    public static readonly IReadOnlyList<SimulatedPatient> All =
    [
        .. Names("a1", SimulatedDirectory.Northside.Id, ["Ada Brooks", "Ben Carter", "Cleo Diaz", "Dev Evans", "Eli Fox", "Faye Gray", "Gus Hale"]),
        .. Names("b2", SimulatedDirectory.Lakeview.Id, ["Hana Ito", "Ivan Jones", "Jun Kim"]),
    ];

    private static IEnumerable<SimulatedPatient> Names(string prefix, string clinicId, string[] names) =>
        names.Select((name, i) => name.Split(' ') is [var first, var last]
            ? new SimulatedPatient($"{prefix}00000-0000-4000-8000-00000000000{i}", clinicId, first, last, $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}@patients.test")
            : throw new InvalidOperationException(name));
}
