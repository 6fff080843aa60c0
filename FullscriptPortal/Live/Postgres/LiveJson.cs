using System.Text.Json.Serialization;

namespace FullscriptPortal.Live;

/// <summary>Change notices as compact JSON, generated at build time; states by name, so instances of different builds
/// still agree.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChangeNotice))]
internal sealed partial class LiveJson : JsonSerializerContext;
