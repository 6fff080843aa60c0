namespace FullscriptPortal.Simulator;

/// <summary>The Fullscript users one can sign in as on the simulator's consent page: practitioners and staff of two
/// clinics that mirror the portal's demo clinics.</summary>
public static class SimulatedDirectory
{
    public static readonly SimulatedClinic Northside = new("7b0e5d0c-5a41-4c6a-9a43-3e1f1c0a7e01", "Northside Integrative Health");
    public static readonly SimulatedClinic Lakeview = new("c2f4a9e8-1d3b-4f7e-8a60-5b9d2e4c7f02", "Lakeview Family Wellness");

    public static readonly IReadOnlyList<SimulatedUser> Users =
    [
        new("0f6f2b1e-8c4d-4a51-9e36-1a2b3c4d5e01", "Dr. Jordan Lee", "dr.lee@northside.test", "Practitioner", Northside),
        new("0f6f2b1e-8c4d-4a51-9e36-1a2b3c4d5e02", "Sam Front", "sam.front@northside.test", "Staff", Northside),
        new("0f6f2b1e-8c4d-4a51-9e36-1a2b3c4d5e03", "Dr. Avery Chen", "dr.chen@northside.test", "Practitioner", Northside),
        new("0f6f2b1e-8c4d-4a51-9e36-1a2b3c4d5e04", "Dr. Priya Patel", "dr.patel@lakeview.test", "Practitioner", Lakeview),
        new("0f6f2b1e-8c4d-4a51-9e36-1a2b3c4d5e05", "Robin Desk", "robin.desk@lakeview.test", "Staff", Lakeview),
    ];

    public static SimulatedUser? Find(string? id) => Users.FirstOrDefault(u => u.Id == id);
}
