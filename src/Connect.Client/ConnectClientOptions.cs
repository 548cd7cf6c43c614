namespace Connect.Client;

/// <summary>Where Connect is and how long a call may take.</summary>
public sealed class ConnectClientOptions
{
    /// <summary>The gRPC server's address; default <c>http://127.0.0.1:50051</c>.</summary>
    public Uri Address { get; set; } = new("http://127.0.0.1:50051");

    /// <summary>The deadline of every call; default 15 seconds.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(15);
}
