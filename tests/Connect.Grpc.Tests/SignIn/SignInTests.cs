using Connect.V1;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Grpc.Tests.SignIn;

/// <summary>Password, then always a second factor, then a session; every refusal with its reason.</summary>
public sealed class SignInTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly SignInDriver _people;

    public SignInTests(ClassServer shared)
    {
        _server = shared.Server;
        _people = new SignInDriver(_server, shared.Channel);
    }

    [Fact]
    public async Task PasswordThenSmsCode_IssuesASession_ThatKnowsItsPersonAndTopics()
    {
        var anna = await _people.Member("anna@example.ch", "+41795550101", "101.101");

        var challenge = await _people.Password("ANNA@example.ch");
        Assert.Equal([SecondFactor.Sms], challenge.SecondFactors);
        Assert.EndsWith("01", challenge.MaskedPhoneNumber);
        Assert.DoesNotContain("79555", challenge.MaskedPhoneNumber);
        var code = await _people.SmsCode(challenge, anna.Phone);
        var done = await _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = code });

        Assert.Equal(anna.PersonId, done.Session.PersonId);
        Assert.Equal(anna.OrganizationId, done.Session.OrganizationId);
        var me = await _people.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(done.Session.SessionToken));
        Assert.Equal("anna@example.ch", me.Email);
        Assert.True(me.Administrator);
        Assert.False(me.Operator);
        Assert.Equal(["contributions"], me.TopicIds);
        Assert.True((await _people.Sessions.CheckAccessAsync(new() { TopicId = "contributions" }, RpcAssert.Bearer(done.Session.SessionToken))).Allowed);
        Assert.False((await _people.Sessions.CheckAccessAsync(new() { TopicId = "family-allowances" }, RpcAssert.Bearer(done.Session.SessionToken))).Allowed);
    }

    [Fact]
    public async Task NoSessionIsIssued_OnThePasswordAlone()
    {
        var anna = await _people.Member("alone@example.ch", "+41795550102", "102.102");
        var challenge = await _people.Password(anna.Email);

        // The sign-in token is not a session token.
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", _people.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(challenge.SignInToken)));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "SIGN_IN_STEP_INVALID",
            _people.SignIn.ChooseOrganizationAsync(new() { SignInToken = challenge.SignInToken, OrganizationId = anna.OrganizationId }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "SECOND_FACTOR_UNAVAILABLE",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, AuthenticatorCode = "123456" }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "SECOND_FACTOR_UNAVAILABLE",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, RecoveryCode = "ABCD-EFGH-JKMN" }));
    }

    [Fact]
    public async Task UnknownAddress_WrongPassword_AndDeactivatedMembership_AnswerIdentically()
    {
        var anna = await _people.Member("same@example.ch", "+41795550103", "103.103");
        var bert = await _people.Member("bert@example.ch", "+41795550104", "104.104");
        _server.Store().Write(w =>
        {
            var membership = w.MembershipsOfPerson(bert.PersonId).Single();
            membership.Deactivate();
            w.Update(membership);
            return 0;
        });

        var unknown = await Refusal(() => _people.Password("nobody@example.ch"));
        var wrongPassword = await Refusal(() => _people.Password(anna.Email, "not the right password"));
        var deactivated = await Refusal(() => _people.Password(bert.Email));

        Assert.Equal(StatusCode.Unauthenticated, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, wrongPassword.StatusCode);
        Assert.Equal(unknown.StatusCode, deactivated.StatusCode);
        Assert.Equal(unknown.Status.Detail, wrongPassword.Status.Detail);
        Assert.Equal(unknown.Status.Detail, deactivated.Status.Detail);
        // The whole google.rpc.Status, byte for byte: reason, message and details.
        Assert.Equal(unknown.GetRpcStatus()!.ToByteString(), wrongPassword.GetRpcStatus()!.ToByteString());
        Assert.Equal(unknown.GetRpcStatus()!.ToByteString(), deactivated.GetRpcStatus()!.ToByteString());
        Assert.Equal("SIGN_IN_FAILED", unknown.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
    }

    [Fact]
    public async Task TenWrongPasswords_LockTheAddressFor15Minutes_EvenAgainstTheRightOne()
    {
        var anna = await _people.Member("lock@example.ch", "+41795550105", "105.105");
        for (var i = 1; i < 10; i++)
            await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED", () => _people.Password(anna.Email, $"wrong password number {i}"));
        var locking = await RpcAssert.Fails(StatusCode.ResourceExhausted, "SIGN_IN_LOCKED", () => _people.Password(anna.Email, "wrong password number 10"));
        Assert.Equal(15 * 60, locking.GetDetail<RetryInfo>()!.RetryDelay.Seconds);

        await RpcAssert.Fails(StatusCode.ResourceExhausted, "SIGN_IN_LOCKED", () => _people.Password(anna.Email));
        var state = await _people.Support.GetSignInLockAsync(new() { Email = anna.Email }, RpcAssert.Bearer(await _people.OperatorToken()));
        Assert.True(state.Locked);
        Assert.Equal(10, state.FailedAttempts);
        Assert.Equal(anna.PersonId, state.PersonId);

        _server.Time.Advance(TimeSpan.FromMinutes(14));
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "SIGN_IN_LOCKED", () => _people.Password(anna.Email));
        _server.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotEmpty((await _people.Password(anna.Email)).SignInToken);
    }

    [Fact]
    public async Task AnUnknownAddress_LocksExactlyLikeAKnownOne()
    {
        for (var i = 1; i < 10; i++)
            await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED", () => _people.Password("ghost@example.ch", $"guess number {i}"));
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "SIGN_IN_LOCKED", () => _people.Password("ghost@example.ch", "guess number 10"));
    }

    [Fact]
    public async Task AnOperator_SeesAndLiftsALock_WithAReason()
    {
        var anna = await _people.Member("lifted@example.ch", "+41795550106", "106.106");
        for (var i = 0; i < 10; i++)
            await Assert.ThrowsAsync<RpcException>(() => _people.Password(anna.Email, $"wrong password number {i}"));
        var operatorToken = RpcAssert.Bearer(await _people.OperatorToken());

        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            _people.Support.LiftSignInLockAsync(new() { Email = anna.Email, Reason = "  " }, operatorToken));
        await RpcAssert.Fails(StatusCode.NotFound, "PERSON_NOT_FOUND",
            _people.Support.GetSignInLockAsync(new() { Email = "nobody@example.ch" }, operatorToken));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "OPERATOR_REQUIRED",
            _people.Support.LiftSignInLockAsync(new() { Email = anna.Email, Reason = "asked by phone" }, RpcAssert.Bearer(anna.SessionToken)));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "OPERATOR_REQUIRED",
            _people.Support.GetSignInLockAsync(new() { Email = anna.Email }, RpcAssert.Bearer(anna.SessionToken)));

        await _people.Support.LiftSignInLockAsync(new() { Email = anna.Email, Reason = "Called the hotline, identity checked" }, operatorToken);
        var state = await _people.Support.GetSignInLockAsync(new() { Email = anna.Email }, operatorToken);
        Assert.False(state.Locked);
        Assert.Equal(0, state.FailedAttempts);
        Assert.NotEmpty((await _people.Password(anna.Email)).SignInToken);
        var lifted = _server.Stored<Connect.Grpc.Domain.AuditEvent>().Single(e => e.Action == "person.sign_in_lock_lifted");
        Assert.Equal("Called the hotline, identity checked", lifted.Details["reason"]);
        Assert.Equal(anna.PersonId, lifted.TargetId);
    }

    [Fact]
    public async Task WrongSmsCodes_CountAndKillTheSignIn_AndACompletedSignInCannotBeAnsweredTwice()
    {
        var anna = await _people.Member("sms@example.ch", "+41795550107", "107.107");
        var challenge = await _people.Password(anna.Email);
        var code = await _people.SmsCode(challenge, anna.Phone);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var left = 4; left >= 1; left--)
        {
            var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
                _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = wrong }));
            Assert.Equal(left.ToString(System.Globalization.CultureInfo.InvariantCulture), status.GetDetail<ErrorInfo>()!.Metadata["attempts_left"]);
        }
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = wrong }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = code }));
        // The sign-in is over (DeadSignInTests): a new one starts with the password.
        challenge = await _people.Password(anna.Email);

        var fresh = await _people.SmsCode(challenge, anna.Phone);
        var done = await _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = fresh });
        Assert.NotEmpty(done.Session.SessionToken);
        await RpcAssert.Fails(StatusCode.NotFound, "SIGN_IN_NOT_FOUND",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = fresh }));

        // The code belonged to that sign-in only.
        var next = await _people.Password(anna.Email);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "CODE_EXPIRED",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = next.SignInToken, SmsCode = fresh }));
    }

    [Fact]
    public async Task SecondFactorFailures_CountTowardsTheLock()
    {
        var anna = await _people.Member("mixed@example.ch", "+41795550108", "108.108");
        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<RpcException>(() => _people.Password(anna.Email, $"wrong password number {i}"));
        var challenge = await _people.Password(anna.Email);
        await _people.SmsCode(challenge, anna.Phone);
        for (var i = 0; i < 4; i++)
            await Assert.ThrowsAsync<RpcException>(() => _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = "12345x" }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "SIGN_IN_LOCKED",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = "12345x" }));
    }

    [Fact]
    public async Task ACompletedSignIn_ClearsEarlierFailures()
    {
        var anna = await _people.Member("clear@example.ch", "+41795550109", "109.109");
        for (var i = 0; i < 9; i++)
            await Assert.ThrowsAsync<RpcException>(() => _people.Password(anna.Email, $"wrong password number {i}"));
        await _people.WithSms(anna);
        var state = await _people.Support.GetSignInLockAsync(new() { Email = anna.Email }, RpcAssert.Bearer(await _people.OperatorToken()));
        Assert.Equal(0, state.FailedAttempts);
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED", () => _people.Password(anna.Email, "one more wrong password"));
    }

    [Fact]
    public async Task ASignInStartedWithTheOldPassword_CannotFinish_AfterThePasswordChanged()
    {
        var anna = await _people.Member("changed@example.ch", "+41795550110", "110.110");
        var started = await _people.Password(anna.Email);
        var code = await _people.SmsCode(started, anna.Phone);
        await _people.Account.ChangePasswordAsync(new() { CurrentPassword = Registrar.Password, NewPassword = "a brand new passphrase" },
            RpcAssert.Bearer(anna.SessionToken));

        await RpcAssert.Fails(StatusCode.NotFound, "SIGN_IN_NOT_FOUND",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = started.SignInToken, SmsCode = code }));
        await RpcAssert.Fails(StatusCode.NotFound, "SIGN_IN_NOT_FOUND", _people.SignIn.SendSignInCodeAsync(new() { SignInToken = started.SignInToken }));
    }

    [Fact]
    public async Task BadInput_IsRefusedBeforeAnythingHappens()
    {
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", _people.SignIn.StartSignInAsync(new() { Email = "not-an-address", Password = "whatever it is" }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", _people.SignIn.StartSignInAsync(new() { Email = "a@example.ch", Password = "" }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            _people.SignIn.StartSignInAsync(new() { Email = "a@example.ch", Password = new string('x', 100_000) }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", _people.SignIn.SendSignInCodeAsync(new() { SignInToken = "" }));
        await RpcAssert.Fails(StatusCode.NotFound, "SIGN_IN_NOT_FOUND", _people.SignIn.SendSignInCodeAsync(new() { SignInToken = "forged-token" }));
        await RpcAssert.Fails(StatusCode.NotFound, "SIGN_IN_NOT_FOUND",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = new string('a', 500), SmsCode = "123456" }));
    }

    private static async Task<RpcException> Refusal(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);
}
