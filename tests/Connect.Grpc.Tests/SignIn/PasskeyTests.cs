using Connect.Grpc.Domain;
using AuditEvent = Connect.Grpc.Domain.AuditEvent;
using StoredPasskey = Connect.Grpc.Domain.Passkey;
using Connect.V1;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Grpc.Tests.SignIn;

/// <summary>
/// Passkeys over gRPC, with an authenticator in the test process (<see cref="SoftwareAuthenticator"/>): added with the
/// password, used as the second factor and alone, removed; and every answer that must be refused.
/// </summary>
public sealed class PasskeyTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly SignInDriver _people;

    public PasskeyTests(ClassServer shared)
    {
        _server = shared.Server;
        _people = new SignInDriver(_server, shared.Channel);
    }

    private AccountService.AccountServiceClient Account => _people.Account;

    private SignInService.SignInServiceClient SignIn => _people.SignIn;

    [Fact]
    public async Task Passkey_IsAdded_SignsInAsSecondFactorAndAlone_AndIsRemoved()
    {
        var anna = await _people.Member("passkey@example.ch", "+41795550401", "401.401");
        using var authenticator = new SoftwareAuthenticator();

        var passkey = await Register(anna, authenticator, "Ordinateur du bureau");
        Assert.Equal("Ordinateur du bureau", passkey.Name);
        Assert.Null(passkey.LastUseTime);
        await _server.Mail.WaitForTextContaining(anna.Email, "Une clé d'accès a été ajoutée à votre compte");
        var stored = Assert.Single(_server.Stored<StoredPasskey>(), p => p.PersonId == anna.PersonId);
        Assert.Equal(Convert.ToBase64String(authenticator.CredentialId).TrimEnd('=').Replace('+', '-').Replace('/', '_'), stored.CredentialId);
        Assert.Contains(_server.Stored<AuditEvent>(), e => e.Action == AuditActions.PersonPasskeyAdded && e.TargetId == anna.PersonId);

        // The second factor: offered first, and a session.
        var challenge = await _people.Password(anna.Email);
        Assert.Equal([SecondFactor.Passkey, SecondFactor.Sms], challenge.SecondFactors);
        var options = (await SignIn.RequestPasskeyChallengeAsync(new() { SignInToken = challenge.SignInToken })).OptionsJson;
        Assert.Contains(stored.CredentialId, options);
        var verified = await SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, PasskeyCredentialJson = authenticator.Get(options) });
        Assert.NotEmpty(verified.Session.SessionToken);

        // Alone: no password, and a session for the one organisation.
        var alone = await PasswordlessAsync(authenticator);
        Assert.NotEmpty(alone.Session.SessionToken);
        Assert.Equal(anna.OrganizationId, alone.Session.OrganizationId);
        var listed = Assert.Single((await Account.ListPasskeysAsync(new(), RpcAssert.Bearer(alone.Session.SessionToken))).Passkeys);
        Assert.NotNull(listed.LastUseTime);

        // Removal asks for the password; then the passkey neither signs in nor is offered.
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSWORD_INCORRECT",
            Account.RemovePasskeyAsync(new() { PasskeyId = listed.PasskeyId, Password = "not the password at all" }, RpcAssert.Bearer(anna.SessionToken)));
        await RpcAssert.Fails(StatusCode.NotFound, "PASSKEY_NOT_FOUND",
            Account.RemovePasskeyAsync(new() { PasskeyId = Ids.New(), Password = Registrar.Password }, RpcAssert.Bearer(anna.SessionToken)));
        await Account.RemovePasskeyAsync(new() { PasskeyId = listed.PasskeyId, Password = Registrar.Password }, RpcAssert.Bearer(anna.SessionToken));
        await _server.Mail.WaitForTextContaining(anna.Email, "Une clé d'accès a été supprimée de votre compte");
        Assert.Empty((await Account.ListPasskeysAsync(new(), RpcAssert.Bearer(anna.SessionToken))).Passkeys);
        Assert.Equal([SecondFactor.Sms], (await _people.Password(anna.Email)).SecondFactors);
        var start = await SignIn.StartPasskeySignInAsync(new());
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED",
            SignIn.FinishPasskeySignInAsync(new() { SignInToken = start.SignInToken, CredentialJson = authenticator.Get(start.OptionsJson) }));
    }

    [Fact]
    public async Task AChallenge_ServesOneAnswer()
    {
        var ben = await _people.Member("passkey-twice@example.ch", "+41795550402", "402.402");
        using var authenticator = new SoftwareAuthenticator();
        var started = await Account.StartPasskeyRegistrationAsync(new() { Password = Registrar.Password }, RpcAssert.Bearer(ben.SessionToken));
        var created = authenticator.Create(started.OptionsJson);
        await Account.FinishPasskeyRegistrationAsync(new() { Name = "Clé", CredentialJson = created }, RpcAssert.Bearer(ben.SessionToken));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "PASSKEY_CHALLENGE_INVALID",
            Account.FinishPasskeyRegistrationAsync(new() { Name = "Clé", CredentialJson = created }, RpcAssert.Bearer(ben.SessionToken)));

        var challenge = await _people.Password(ben.Email);
        var options = (await SignIn.RequestPasskeyChallengeAsync(new() { SignInToken = challenge.SignInToken })).OptionsJson;
        var answer = authenticator.Get(options);
        var organizations = await SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, PasskeyCredentialJson = answer });
        Assert.NotEmpty(organizations.Session.SessionToken);
        var replayed = await _people.Password(ben.Email);
        await SignIn.RequestPasskeyChallengeAsync(new() { SignInToken = replayed.SignInToken });
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSKEY_INVALID",
            SignIn.VerifySecondFactorAsync(new() { SignInToken = replayed.SignInToken, PasskeyCredentialJson = answer }));

        var alone = await SignIn.StartPasskeySignInAsync(new());
        var aloneAnswer = authenticator.Get(alone.OptionsJson);
        await SignIn.FinishPasskeySignInAsync(new() { SignInToken = alone.SignInToken, CredentialJson = aloneAnswer });
        await RpcAssert.Fails(StatusCode.NotFound, "SIGN_IN_NOT_FOUND",
            SignIn.FinishPasskeySignInAsync(new() { SignInToken = alone.SignInToken, CredentialJson = aloneAnswer }));

        // A challenge not asked for, or expired, answers no answer.
        var noChallenge = await _people.Password(ben.Email);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "PASSKEY_CHALLENGE_INVALID",
            SignIn.VerifySecondFactorAsync(new() { SignInToken = noChallenge.SignInToken, PasskeyCredentialJson = aloneAnswer }));
        var late = await SignIn.RequestPasskeyChallengeAsync(new() { SignInToken = noChallenge.SignInToken });
        // Challenges live 5 minutes.
        _server.Pass(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "PASSKEY_CHALLENGE_INVALID",
            SignIn.VerifySecondFactorAsync(new() { SignInToken = noChallenge.SignInToken, PasskeyCredentialJson = authenticator.Get(late.OptionsJson) }));
    }

    [Theory]
    [InlineData("origin")]
    [InlineData("relying party")]
    [InlineData("counter")]
    [InlineData("another person")]
    public async Task AnAnswerThatDoesNotVerify_IsRefused_AndCounts(string wrong)
    {
        var number = 410 + Array.IndexOf(["origin", "relying party", "counter", "another person"], wrong);
        var carla = await _people.Member($"passkey-{number}@example.ch", $"+417955504{number - 400:00}", $"{number}.{number}");
        using var authenticator = new SoftwareAuthenticator();
        await Register(carla, authenticator, "Clé");
        using var stranger = new SoftwareAuthenticator();
        if (wrong == "another person")
        {
            var other = await _people.Member($"passkey-other-{number}@example.ch", $"+417955505{number - 400:00}", $"{number}.999");
            await Register(other, stranger, "Autre");
        }
        var answering = wrong == "another person" ? stranger : authenticator;
        switch (wrong)
        {
            case "origin": authenticator.Origin = "https://console.test.phishing.example"; break;
            case "relying party": authenticator.RelyingPartyId = "phishing.example"; break;
            case "counter": authenticator.Counter = 1; break;
        }

        var challenge = await _people.Password(carla.Email);
        var options = (await SignIn.RequestPasskeyChallengeAsync(new() { SignInToken = challenge.SignInToken })).OptionsJson;
        var refused = await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSKEY_INVALID",
            SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, PasskeyCredentialJson = answering.Get(options) }));
        Assert.Equal("4", refused.GetDetail<ErrorInfo>()!.Metadata["attempts_left"]);
        Assert.Contains(_server.Stored<AuditEvent>(), e => e.Action == AuditActions.PersonSignInFailed && e.TargetId == carla.PersonId
            && e.Details.GetValueOrDefault("factor") == "passkey");

        // Alone, the same answer is refused like any failed sign-in (another person's passkey would sign that person in).
        if (wrong != "another person")
        {
            if (wrong == "counter") authenticator.Counter = 1;
            var alone = await SignIn.StartPasskeySignInAsync(new());
            await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED",
                SignIn.FinishPasskeySignInAsync(new() { SignInToken = alone.SignInToken, CredentialJson = answering.Get(alone.OptionsJson) }));
        }
        if (wrong == "counter") return;
        // A registration answered for another origin or relying party is refused too.
        using var third = new SoftwareAuthenticator { Origin = authenticator.Origin, RelyingPartyId = authenticator.RelyingPartyId };
        var started = await Account.StartPasskeyRegistrationAsync(new() { Password = Registrar.Password }, RpcAssert.Bearer(carla.SessionToken));
        if (wrong == "another person")
        {
            // The other person's credential cannot become Carla's.
            await RpcAssert.Fails(StatusCode.AlreadyExists, "PASSKEY_ALREADY_REGISTERED",
                Account.FinishPasskeyRegistrationAsync(new() { Name = "Copie", CredentialJson = stranger.Create(started.OptionsJson) }, RpcAssert.Bearer(carla.SessionToken)));
            return;
        }
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSKEY_INVALID",
            Account.FinishPasskeyRegistrationAsync(new() { Name = "Faux", CredentialJson = third.Create(started.OptionsJson) }, RpcAssert.Bearer(carla.SessionToken)));
    }

    [Fact]
    public async Task Alone_WithoutUserVerification_IsRefused_AndCountsTowardsTheLock()
    {
        var dora = await _people.Member("passkey-uv@example.ch", "+41795550420", "420.420");
        using var authenticator = new SoftwareAuthenticator();
        await Register(dora, authenticator, "Clé");
        authenticator.UserVerified = false;

        var alone = await SignIn.StartPasskeySignInAsync(new());
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED",
            SignIn.FinishPasskeySignInAsync(new() { SignInToken = alone.SignInToken, CredentialJson = authenticator.Get(alone.OptionsJson) }));
        Assert.Contains(_server.Stored<AuditEvent>(), e => e.Action == AuditActions.PersonSignInFailed && e.TargetId == dora.PersonId
            && e.Details.GetValueOrDefault("step") == "passkey");

        // As the second factor (after the password) user verification is only preferred: presence is enough.
        var challenge = await _people.Password(dora.Email);
        var options = (await SignIn.RequestPasskeyChallengeAsync(new() { SignInToken = challenge.SignInToken })).OptionsJson;
        Assert.NotEmpty((await SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, PasskeyCredentialJson = authenticator.Get(options) }))
            .Session.SessionToken);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("{\"id\":\"x\",\"rawId\":\"!!!\",\"response\":{}}")]
    public async Task AnAnswerThatIsNotACredential_IsAFieldError_AndKeepsTheChallenge(string json)
    {
        var start = await SignIn.StartPasskeySignInAsync(new());
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            SignIn.FinishPasskeySignInAsync(new() { SignInToken = start.SignInToken, CredentialJson = json }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            SignIn.FinishPasskeySignInAsync(new() { SignInToken = start.SignInToken, CredentialJson = new string('a', 64 * 1024 + 1) }));
    }

    [Fact]
    public async Task Alone_APersonWithTwoOrganizations_ChoosesOne_AndALockedPersonIsRefused()
    {
        var erin = await _people.Member("passkey-two@example.ch", "+41795550430", "430.430", "Erste AG");
        var second = await _people.SecondMembership(erin, "431.431", "Zweite AG");
        using var authenticator = new SoftwareAuthenticator();
        await Register(erin, authenticator, "Clé");

        var start = await SignIn.StartPasskeySignInAsync(new());
        var finished = await SignIn.FinishPasskeySignInAsync(new() { SignInToken = start.SignInToken, CredentialJson = authenticator.Get(start.OptionsJson) });
        Assert.Null(finished.Session);
        Assert.Equal(["Erste AG", "Zweite AG"], finished.Organizations.Select(o => o.DisplayName));
        var chosen = (await SignIn.ChooseOrganizationAsync(new() { SignInToken = start.SignInToken, OrganizationId = second })).Session;
        Assert.Equal(second, chosen.OrganizationId);

        // Ten failures lock the address, for a passkey too: then even a right answer is refused.
        for (var i = 0; i < 10; i++)
        {
            try
            {
                await SignIn.StartSignInAsync(new() { Email = erin.Email, Password = $"not the password {i}" });
            }
            catch (RpcException)
            {
            }
        }
        var locked = await SignIn.StartPasskeySignInAsync(new());
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "SIGN_IN_LOCKED",
            SignIn.FinishPasskeySignInAsync(new() { SignInToken = locked.SignInToken, CredentialJson = authenticator.Get(locked.OptionsJson) }));
    }

    /// <summary>
    /// Answers of the person's own credential, shaped like the browser's, whose bytes are garbage: each a clear refusal
    /// (Fido2 reads them), never an internal error.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task AGarbledAnswer_IsRefusedClearly_NeverAnInternalError(int garbling)
    {
        var fay = await _people.Member($"passkey-garbled-{garbling}@example.ch", $"+4179555044{garbling}", $"44{garbling}.44{garbling}");
        using var authenticator = new SoftwareAuthenticator();
        await Register(fay, authenticator, "Clé");
        var noise = new byte[64];
        new Random(18 + garbling).NextBytes(noise);
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);
        var id = B64(authenticator.CredentialId);
        var clientData = B64(Utf8("{\"type\":\"webauthn.get\",\"challenge\":\"eA\",\"origin\":\"http://console.test\"}"));
        // A real answer's authenticator data (to a challenge of no sign-in), under client data that is no JSON object.
        var real = System.Text.Json.JsonDocument.Parse(authenticator.Get("{\"challenge\":\"eA\"}")).RootElement.GetProperty("response");
        var (clientDataJson, data, signature, userHandle) = garbling switch
        {
            5 => (B64(Utf8("{\"type\":5,\"challenge\":[],\"origin\":{}}")), real.GetProperty("authenticatorData").GetString()!,
                real.GetProperty("signature").GetString()!, (string?)null),
            0 => (B64(noise), B64(noise), B64(noise), (string?)null),
            1 => (clientData, B64([1]), B64(noise), null),
            2 => (clientData, B64([.. noise, .. noise]), B64([1, 2]), B64(Utf8(fay.PersonId))),
            3 => (B64(Utf8("not json")), B64(noise), B64(noise), B64([])),
            _ => (B64(Utf8("[1,2]")), B64(noise), B64(noise), B64(noise)),
        };
        string Answer(string dataName) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id, ["rawId"] = id, ["type"] = "public-key", ["clientExtensionResults"] = new { },
            ["response"] = new Dictionary<string, object?>
            {
                ["clientDataJSON"] = clientDataJson, [dataName] = data, ["signature"] = signature, ["userHandle"] = userHandle,
            },
        });

        var alone = await SignIn.StartPasskeySignInAsync(new());
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            SignIn.FinishPasskeySignInAsync(new() { SignInToken = alone.SignInToken, CredentialJson = Answer("authenticatorData") }).ResponseAsync);
        Assert.Contains(refused.StatusCode, new[] { StatusCode.InvalidArgument, StatusCode.Unauthenticated });

        var challenge = await _people.Password(fay.Email);
        await SignIn.RequestPasskeyChallengeAsync(new() { SignInToken = challenge.SignInToken });
        refused = await Assert.ThrowsAsync<RpcException>(() =>
            SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, PasskeyCredentialJson = Answer("authenticatorData") }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);

        await Account.StartPasskeyRegistrationAsync(new() { Password = Registrar.Password }, RpcAssert.Bearer(fay.SessionToken));
        refused = await Assert.ThrowsAsync<RpcException>(() => Account.FinishPasskeyRegistrationAsync(
            new() { Name = "X", CredentialJson = Answer("attestationObject") }, RpcAssert.Bearer(fay.SessionToken)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }

    private async Task<Connect.V1.Passkey> Register(RegisteredAdmin person, SoftwareAuthenticator authenticator, string name)
    {
        var started = await Account.StartPasskeyRegistrationAsync(new() { Password = Registrar.Password }, RpcAssert.Bearer(person.SessionToken));
        Assert.Contains("\"residentKey\":\"required\"", started.OptionsJson);
        return (await Account.FinishPasskeyRegistrationAsync(new() { Name = name, CredentialJson = authenticator.Create(started.OptionsJson) },
            RpcAssert.Bearer(person.SessionToken))).Passkey;
    }

    private async Task<FinishPasskeySignInResponse> PasswordlessAsync(SoftwareAuthenticator authenticator)
    {
        var start = await SignIn.StartPasskeySignInAsync(new());
        return await SignIn.FinishPasskeySignInAsync(new() { SignInToken = start.SignInToken, CredentialJson = authenticator.Get(start.OptionsJson) });
    }
}
