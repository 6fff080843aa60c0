using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

internal sealed record SimTokenEnvelope([property: JsonPropertyName("oauth")] SimOAuthBody OAuth);
