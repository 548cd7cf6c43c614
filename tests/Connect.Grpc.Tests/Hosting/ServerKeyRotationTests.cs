using System.Security.Cryptography;
using Connect.Testing;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Grpc.Tests.Hosting;

/// <summary>
/// A rotation of the server key over one data directory, as replicas restarted with new configuration see it: the first
/// start keeps its key A in the key file (as every data directory made before the setting did); the second is configured
/// with a new key B and A as previous; the third with B alone.
/// </summary>
public sealed class ServerKeyRotationTests
{
    [Fact]
    public async Task CodesAndAuthenticators_SurviveARotation_AndOldCodesEndWithTheOldKey()
    {
        var directory = ConnectServerFactory.NewDataDirectory();
        // One clock for the three starts: the authenticator's last accepted step must not lie in a later start's future.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var keyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        try
        {
            string accessCode, secret, keyA, signingKeyId;
            RegisteredAdmin anna;
            using (var first = new ConnectServerFactory(clock, dataDirectory: directory))
            using (var channel = first.CreateChannel())
            {
                var people = new SignInDriver(first, channel);
                anna = await people.Member("anna@rotation.test", "+41795550301", "301.301");
                secret = await people.EnrolAuthenticator(anna.SessionToken);
                accessCode = (await people.Registrar.Letter(await people.OperatorToken(), anna.OrganizationId)).AccessCode;
                keyA = (await File.ReadAllTextAsync(Path.Combine(directory, "connect.key"))).Trim();
                // The OpenID provider's keys are made now, sealed under A.
                signingKeyId = await SigningKeyId(first);
            }

            var rotating = new Dictionary<string, string?>
            {
                ["Connect:Security:ServerKey"] = keyB,
                ["Connect:Security:PreviousServerKeys:0"] = keyA,
            };
            using (var second = new ConnectServerFactory(clock, rotating, directory))
            using (var channel = second.CreateChannel())
            {
                var people = new SignInDriver(second, channel);
                await people.Registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = accessCode });
                await SignInWithAuthenticator(people, anna, secret); // seals the authenticator key again, under B
                Assert.Equal(signingKeyId, await SigningKeyId(second)); // and the OpenID keys, the same keys, under B
            }

            using (var third = new ConnectServerFactory(clock, new Dictionary<string, string?> { ["Connect:Security:ServerKey"] = keyB }, directory))
            using (var channel = third.CreateChannel())
            {
                var people = new SignInDriver(third, channel);
                await RpcAssert.Fails(StatusCode.NotFound, "ACCESS_CODE_INVALID",
                    people.Registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = accessCode }));
                await SignInWithAuthenticator(people, anna, secret);
                Assert.Equal(signingKeyId, await SigningKeyId(third));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task SignInWithAuthenticator(SignInDriver people, RegisteredAdmin person, string secret)
    {
        people.NextTotpStep();
        var challenge = await people.Password(person.Email);
        var done = await people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, AuthenticatorCode = people.Totp(secret) });
        Assert.NotEmpty(done.Session.SessionToken);
    }

    /// <summary>The key id the OpenID provider's JWKS publishes (its keys are loaded, or made, on the first request).</summary>
    private static async Task<string> SigningKeyId(ConnectServerFactory server)
    {
        using var http = server.CreateClient();
        var jwks = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(await http.GetStringAsync("/.well-known/jwks"));
        return Assert.Single(jwks.Keys).Kid;
    }
}
