using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

internal sealed record SimPatientPage([property: JsonPropertyName("patients")] IReadOnlyList<SimPatientBody> Patients, [property: JsonPropertyName("meta")] SimPageMeta Meta);
