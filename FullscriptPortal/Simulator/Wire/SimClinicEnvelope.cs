using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

internal sealed record SimClinicEnvelope([property: JsonPropertyName("clinic")] SimClinicBody Clinic);
