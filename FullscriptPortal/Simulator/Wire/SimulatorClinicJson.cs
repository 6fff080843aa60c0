using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

[JsonSerializable(typeof(SimNotFound))]
[JsonSerializable(typeof(SimPatientPage))]
internal sealed partial class SimulatorClinicJson : JsonSerializerContext;
