namespace Connect.Grpc.Domain;

/// <summary>The OpenID provider. Bound from <c>Connect:OpenId</c>.</summary>
public sealed class OpenIdOptions
{
    /// <summary>
    /// The issuer: the public address of the server's HTTP/1.1 endpoint, where discovery, the JWKS and the token endpoint
    /// answer; default <c>http://127.0.0.1:50052/</c>. Plain http is accepted only when the issuer itself is http.
    /// </summary>
    public Uri Issuer { get; set; } = new("http://127.0.0.1:50052/");
}
