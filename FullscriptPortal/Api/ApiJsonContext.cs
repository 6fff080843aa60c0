using System.Text.Json.Serialization;

namespace FullscriptPortal.Api;

/// <summary>The API's own types, generated at build time; <see cref="ApiJson"/> gives them their snake_case names.</summary>
[JsonSerializable(typeof(ApiConnection))]
[JsonSerializable(typeof(ApiConnectionPage))]
[JsonSerializable(typeof(ApiAccessTokenRequest))]
[JsonSerializable(typeof(ApiAccessToken))]
[JsonSerializable(typeof(ApiDisconnectRequest))]
[JsonSerializable(typeof(ApiDisconnectResult))]
[JsonSerializable(typeof(ApiConnectLinkRequest))]
[JsonSerializable(typeof(ApiConnectLink))]
[JsonSerializable(typeof(ApiClinicRequest))]
[JsonSerializable(typeof(ApiClinic))]
[JsonSerializable(typeof(ApiUserRequest))]
[JsonSerializable(typeof(ApiUser))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
