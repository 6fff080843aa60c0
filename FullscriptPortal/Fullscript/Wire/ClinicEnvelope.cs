using System.Text.Json.Serialization;

namespace FullscriptPortal.Fullscript;

internal sealed record ClinicEnvelope([property: JsonPropertyName("clinic")] ClinicBody? Clinic);
