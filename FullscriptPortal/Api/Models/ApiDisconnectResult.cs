using FullscriptPortal.Connections;

namespace FullscriptPortal.Api;

public sealed record ApiDisconnectResult(ConnectionState State, bool Pending, string Detail);
