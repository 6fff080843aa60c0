using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

// RFC 6749 3.1: a parameter sent twice is a bad request, not "the last one wins".
[JsonSourceGenerationOptions(AllowDuplicateProperties = false)]
[JsonSerializable(typeof(SimTokenRequest))]
[JsonSerializable(typeof(SimRevokeRequest))]
[JsonSerializable(typeof(SimEmpty))]
[JsonSerializable(typeof(SimTokenEnvelope))]
[JsonSerializable(typeof(SimClinicEnvelope))]
[JsonSerializable(typeof(SimError))]
internal sealed partial class SimulatorJson : JsonSerializerContext;
