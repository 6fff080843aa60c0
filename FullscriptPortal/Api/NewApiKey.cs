namespace FullscriptPortal.Api;

/// <summary>A key just made: the only moment its secret exists outside the client that receives it.</summary>
public sealed record NewApiKey(ApiKeyView Key, string Secret);
