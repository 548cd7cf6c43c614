namespace Connect.Grpc.Hosting;

/// <summary>Names this assembly for <c>WebApplicationFactory&lt;ServerMarker&gt;</c> in tests.</summary>
public sealed class ServerMarker;
