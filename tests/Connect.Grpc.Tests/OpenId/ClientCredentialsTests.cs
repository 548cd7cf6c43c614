using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connect.V1;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Connect.Grpc.Tests.OpenId;

/// <summary>
/// The OpenID provider's first part: discovery, the JWKS, and applications exchanging their client id and secret for
/// a signed JWT access token (client_credentials), which an app validates on its own against the JWKS.
/// </summary>
public sealed class ClientCredentialsTests : IDisposable
{
    private const string Issuer = "http://127.0.0.1:50052/";

    private readonly ConnectServerFactory _server = new();
    private readonly HttpClient _http;
    private readonly ApplicationDriver _apps;
    private readonly SignInDriver _people;

    public ClientCredentialsTests()
    {
        var channel = _server.CreateChannel();
        _http = _server.CreateClient();
        _apps = new ApplicationDriver(channel);
        _people = new SignInDriver(_server, channel);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task AnInternalApp_GetsASignedAccessToken_ThatValidatesAgainstTheJwks()
    {
        var discovery = await _http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.Equal(Issuer, discovery.GetProperty("issuer").GetString());
        Assert.EndsWith("/connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal(["client_credentials"], discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()));
        var jwks = new JsonWebKeySet(await _http.GetStringAsync(new Uri(discovery.GetProperty("jwks_uri").GetString()!).PathAndQuery));
        Assert.Single(jwks.Keys);

        var app = await _apps.Internal(await _people.OperatorToken(), "Contributions app");
        var (status, body) = await Token(app.ClientId, app.ClientSecret);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        var token = body.GetProperty("access_token").GetString()!;
        var checkedToken = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = "connect",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            // The server runs on a fake clock; the token's own times are checked below.
            ValidateLifetime = false,
        });
        Assert.True(checkedToken.IsValid, checkedToken.Exception?.Message);
        var jwt = (JsonWebToken)checkedToken.SecurityToken;
        Assert.Equal(app.ClientId, jwt.GetClaim("client_id").Value);
        Assert.Equal(app.ClientId, jwt.Subject);
        Assert.Contains("access.check", jwt.GetClaim("scope").Value.Split(' '));
        Assert.Equal(TimeSpan.FromHours(1), jwt.ValidTo - jwt.IssuedAt);
        Assert.Contains(_server.Stored<Domain.AuditEvent>(), e => e.Action == "application.token_issued" && e.Details.GetValueOrDefault("via") == "openid");

        // A token of another key does not validate: the JWKS is what an app trusts.
        using var otherKey = System.Security.Cryptography.RSA.Create(2048);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer, Audience = "connect", Claims = new Dictionary<string, object> { ["client_id"] = app.ClientId },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(otherKey) { KeyId = jwks.Keys[0].Kid }, SecurityAlgorithms.RsaSha256),
        });
        Assert.False((await new JsonWebTokenHandler().ValidateTokenAsync(forged, new TokenValidationParameters
        {
            ValidIssuer = Issuer, ValidAudience = "connect", IssuerSigningKeys = jwks.GetSigningKeys(), ValidateLifetime = false,
        })).IsValid);
    }

    [Fact]
    public async Task AWrongSecret_ARevokedApp_AndOtherGrants_AreRefused()
    {
        var operatorToken = await _people.OperatorToken();
        var app = await _apps.Internal(operatorToken, "Refused app");
        var (status, body) = await Token(app.ClientId, app.ClientSecret[..^1] + (app.ClientSecret[^1] == 'a' ? 'b' : 'a'));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (status, body.GetProperty("error").GetString()));
        (status, body) = await Token("no-such-client", app.ClientSecret);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (status, body.GetProperty("error").GetString()));

        using var password = await _http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = "anna@example.ch", ["password"] = "secret", ["client_id"] = app.ClientId,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, password.StatusCode);
        Assert.Equal("unsupported_grant_type", (await password.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        await _apps.Applications.RevokeApplicationAsync(new() { ApplicationId = app.ApplicationId, Reason = "replaced" }, RpcAssert.Bearer(operatorToken));
        (status, body) = await Token(app.ClientId, app.ClientSecret);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (status, body.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task GrpcCalls_NeverPassThroughTheProvider()
    {
        // Keys that open under no server key break the provider's requests, and must break nothing else.
        _server.Store().Write(w =>
        {
            w.Insert(new Domain.SystemSetting { Id = "openid.keys", Value = "{\"KeyId\":\"k\",\"Signing\":\"x.y\",\"Encryption\":\"x.y\"}" });
            return 0;
        });
        using var jwks = await _http.GetAsync("/.well-known/jwks");
        Assert.Equal(HttpStatusCode.InternalServerError, jwks.StatusCode);

        var operatorToken = await _people.OperatorToken();
        Assert.NotEmpty((await _people.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(operatorToken))).PersonId);
        Assert.NotEmpty((await _apps.Internal(operatorToken, "Still served")).ClientId);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Token(string clientId, string clientSecret)
    {
        using var response = await _http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = clientSecret,
        }));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
