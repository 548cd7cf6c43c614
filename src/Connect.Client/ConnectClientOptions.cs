namespace Connect.Client;

/// <summary>
/// Where Connect is, how long a call may take, and who calls: a person (through an <see cref="ISessionTokenProvider"/>)
/// or an application (<see cref="ClientId"/> and <see cref="ClientSecret"/>), never both. Binds from a configuration
/// section, e.g. <c>Connect:Address</c> (or <c>Connect:Addresses:0</c>, <c>Connect:Addresses:1</c>, …),
/// <c>Connect:ClientId</c>, <c>Connect:ClientSecret</c>.
/// </summary>
public sealed class ConnectClientOptions
{
    private static readonly Uri DefaultAddress = new("http://127.0.0.1:50051");
    private Uri? _address;

    /// <summary>
    /// The gRPC server's address; default <c>http://127.0.0.1:50051</c>. A <c>dns:///name:port</c> address (without
    /// TLS) spreads the calls over every address the name resolves to, as <see cref="Addresses"/> does over a list.
    /// Set this or <see cref="Addresses"/>, not both.
    /// </summary>
    public Uri Address
    {
        get => _address ?? DefaultAddress;
        set => _address = value;
    }

    /// <summary>
    /// The addresses of several Connect servers (replicas over one database), e.g. <c>http://connect-1:50051</c>,
    /// <c>http://connect-2:50051</c>; default none (then <see cref="Address"/> is used). Calls go round robin to the
    /// servers that answer; one that stops is left out until it is back. All <c>http</c> or all <c>https</c>, no path,
    /// no address twice.
    /// </summary>
    public IList<Uri> Addresses { get; set; } = [];

    /// <summary>
    /// The deadline of every call, retries included; default 15 seconds. A call past it fails with
    /// <c>DEADLINE_EXCEEDED</c> as a <see cref="ConnectClientException"/>.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The application's client id (an internal app's or a partner integration's). With <see cref="ClientSecret"/>,
    /// every call carries the application's access token; default none (calls act for a person, or for nobody).
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>The application's secret, as Connect showed it once; keep it out of source control. Default none.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// For <c>RequireConnectTopic</c>: the cookie that holds the person's session token when the request carries no
    /// <c>Authorization: Bearer</c> header; default none (the header only).
    /// </summary>
    public string? SessionCookieName { get; set; }

    /// <summary>
    /// True when <see cref="Address"/> was set to another server than the default (the configuration binder writes back
    /// what it read, so the default itself does not count).
    /// </summary>
    internal bool AddressIsSet => _address is not null && _address != DefaultAddress;

    /// <summary>True when the calls are spread over several servers (a list, or a name resolved through DNS).</summary>
    internal bool IsBalanced => Addresses.Count > 0 || Address.Scheme == ConnectEndpoints.DnsScheme;

    /// <summary>True when the calls act for an application.</summary>
    internal bool HasApplicationCredentials => !string.IsNullOrEmpty(ClientId);
}
