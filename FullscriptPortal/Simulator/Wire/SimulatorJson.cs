using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

[JsonSerializable(typeof(SimTokenRequest))]
[JsonSerializable(typeof(SimRevokeRequest))]
[JsonSerializable(typeof(SimEmpty))]
[JsonSerializable(typeof(SimTokenEnvelope))]
[JsonSerializable(typeof(SimClinicEnvelope))]
[JsonSerializable(typeof(SimError))]
internal sealed partial class SimulatorJson : JsonSerializerContext;
