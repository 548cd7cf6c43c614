using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.SignIn;

/// <summary>
/// A fund that wants hardware-bound keys only lists the authenticator models it accepts (FIDO metadata statements in
/// <c>Connect:Passkeys:MetadataDirectory</c>): a passkey is then added only with a full attestation that chains to
/// its listed model's root.
/// </summary>
public sealed class HardwareBoundPasskeyTests : IDisposable
{
    private readonly string _listed = Directory.CreateTempSubdirectory("connect-metadata-").FullName;
    private readonly string _unlisted = Directory.CreateTempSubdirectory("connect-metadata-").FullName;

    public void Dispose()
    {
        Directory.Delete(_listed, recursive: true);
        Directory.Delete(_unlisted, recursive: true);
    }

    [Fact]
    public async Task OnlyAListedModelWithItsFullAttestation_IsAccepted()
    {
        using var model = new TestAuthenticatorModel(_listed);
        using var otherModel = new TestAuthenticatorModel(_unlisted);
        using var server = new ConnectServerFactory(settings: new Dictionary<string, string?> { ["Connect:Passkeys:MetadataDirectory"] = _listed });
        var people = new SignInDriver(server, server.CreateChannel());
        var anna = await people.Member("hardware@example.ch", "+41795550601", "601.601");

        using var platform = new SoftwareAuthenticator();
        using var selfAttested = new SoftwareAuthenticator { Attestation = PasskeyAttestation.Self, Model = model };
        using var unlisted = new SoftwareAuthenticator { Attestation = PasskeyAttestation.Full, Model = otherModel };
        // A listed model's AAGUID in a certificate of another root.
        using var forgedModel = new TestAuthenticatorModel(_unlisted, model.AaGuid);
        using var forged = new SoftwareAuthenticator { Attestation = PasskeyAttestation.Full, Model = forgedModel };
        foreach (var refused in new[] { platform, selfAttested, unlisted, forged })
        {
            await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSKEY_INVALID", () => Register(people, anna, refused));
        }

        using var key = new SoftwareAuthenticator { Attestation = PasskeyAttestation.Full, Model = model };
        var added = await Register(people, anna, key);
        Assert.Equal("Clé de sécurité", added.Name);
        var alone = await people.SignIn.StartPasskeySignInAsync(new());
        Assert.NotEmpty((await people.SignIn.FinishPasskeySignInAsync(new() { SignInToken = alone.SignInToken, CredentialJson = key.Get(alone.OptionsJson) }))
            .Session.SessionToken);
    }

    [Fact]
    public void AnEmptyMetadataFolder_StopsTheStart_NamingTheSetting()
    {
        using var server = new ConnectServerFactory(settings: new Dictionary<string, string?> { ["Connect:Passkeys:MetadataDirectory"] = _unlisted });
        var refused = Assert.ThrowsAny<Exception>(() => server.CreateChannel());
        Assert.Contains("Connect:Passkeys:MetadataDirectory", refused.ToString());
    }

    private static async Task<Passkey> Register(SignInDriver people, RegisteredAdmin person, SoftwareAuthenticator authenticator)
    {
        var started = await people.Account.StartPasskeyRegistrationAsync(new() { Password = Registrar.Password }, RpcAssert.Bearer(person.SessionToken));
        // The fund that lists models asks to see the authenticator's certificate.
        Assert.Contains("\"attestation\":\"direct\"", started.OptionsJson);
        return (await people.Account.FinishPasskeyRegistrationAsync(new() { Name = "Clé de sécurité", CredentialJson = authenticator.Create(started.OptionsJson) },
            RpcAssert.Bearer(person.SessionToken))).Passkey;
    }
}
