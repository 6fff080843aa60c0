using System.Text.Json.Serialization;

namespace FullscriptPortal.Fullscript;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(RevokeRequest))]
[JsonSerializable(typeof(ClinicEnvelope))]
internal sealed partial class FullscriptJson : JsonSerializerContext;
