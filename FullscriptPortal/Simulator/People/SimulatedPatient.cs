namespace FullscriptPortal.Simulator;

/// <summary>A patient as Fullscript's <c>GET /api/clinic/patients</c> lists them (the documented fields that matter here).</summary>
public sealed record SimulatedPatient(string Id, string ClinicId, string FirstName, string LastName, string Email);
