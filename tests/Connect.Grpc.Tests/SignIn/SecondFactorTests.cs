using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.SignIn;

/// <summary>The authenticator app and recovery codes as second factors.</summary>
public sealed class SecondFactorTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly SignInDriver _people;

    public SecondFactorTests(ClassServer shared)
    {
        _server = shared.Server;
        _people = new SignInDriver(_server, shared.Channel);
    }

    [Fact]
    public async Task Authenticator_IsOfferedFirst_AndSignsIn_ButNeverTwiceWithOneCode()
    {
        var anna = await _people.Member("totp@example.ch", "+41795550201", "201.201");
        var started = await _people.Account.StartAuthenticatorEnrollmentAsync(new(), RpcAssert.Bearer(anna.SessionToken));
        Assert.StartsWith("otpauth://totp/", started.OtpauthUri);
        Assert.Contains("secret=" + started.Secret, started.OtpauthUri);
        var wrongFirst = _people.Totp(started.Secret, stepsFromNow: 5);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
            _people.Account.ConfirmAuthenticatorEnrollmentAsync(new() { Code = wrongFirst }, RpcAssert.Bearer(anna.SessionToken)));
        var account = (await _people.Account.ConfirmAuthenticatorEnrollmentAsync(new() { Code = _people.Totp(started.Secret) }, RpcAssert.Bearer(anna.SessionToken))).Account;
        Assert.True(account.AuthenticatorEnrolled);

        // The code that confirmed the enrolment is spent.
        var challenge = await _people.Password(anna.Email);
        Assert.Equal([SecondFactor.Authenticator, SecondFactor.Sms], challenge.SecondFactors);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, AuthenticatorCode = _people.Totp(started.Secret) }));

        _people.NextTotpStep();
        var code = _people.Totp(started.Secret);
        var done = await _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, AuthenticatorCode = code });
        Assert.NotEmpty(done.Session.SessionToken);

        var again = await _people.Password(anna.Email);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = again.SignInToken, AuthenticatorCode = code }));
    }

    [Fact]
    public async Task Authenticator_AcceptsOneStepOfDrift_NotTwo()
    {
        var anna = await _people.Member("drift@example.ch", "+41795550202", "202.202");
        var secret = await _people.EnrolAuthenticator(anna.SessionToken);
        _people.NextTotpStep();
        _people.NextTotpStep();
        _people.NextTotpStep();
        var challenge = await _people.Password(anna.Email);

        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, AuthenticatorCode = _people.Totp(secret, stepsFromNow: -2) }));
        var done = await _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, AuthenticatorCode = _people.Totp(secret, stepsFromNow: -1) });
        Assert.NotEmpty(done.Session.SessionToken);
    }

    [Fact]
    public async Task FiveWrongAuthenticatorCodes_EndTheSignIn()
    {
        var anna = await _people.Member("five@example.ch", "+41795550203", "203.203");
        var secret = await _people.EnrolAuthenticator(anna.SessionToken);
        _people.NextTotpStep();
        var challenge = await _people.Password(anna.Email);
        var wrong = _people.Totp(secret, stepsFromNow: 10);
        for (var i = 0; i < 4; i++)
        {
            await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
                _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, AuthenticatorCode = wrong }));
        }
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, AuthenticatorCode = wrong }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, AuthenticatorCode = _people.Totp(secret) }));
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce_AndNeverAgain()
    {
        var anna = await _people.Member("recovery@example.ch", "+41795550204", "204.204");
        var codes = (await _people.Account.CreateRecoveryCodesAsync(new() { Password = Registrar.Password }, RpcAssert.Bearer(anna.SessionToken))).RecoveryCodes;
        Assert.Equal(10, codes.Distinct().Count());

        var challenge = await _people.Password(anna.Email);
        Assert.Contains(SecondFactor.RecoveryCode, challenge.SecondFactors);
        var done = await _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, RecoveryCode = codes[3].ToLowerInvariant().Replace("-", " ") });
        Assert.NotEmpty(done.Session.SessionToken);
        Assert.Equal(9, done.RecoveryCodesLeft);

        var again = await _people.Password(anna.Email);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = again.SignInToken, RecoveryCode = codes[3] }));
        var stored = _server.Store().Read(r => r.Get<Connect.Grpc.Domain.Person>(anna.PersonId))!;
        Assert.Equal(9, stored.RecoveryCodeHashes.Count);
        Assert.DoesNotContain(stored.RecoveryCodeHashes, hash => codes.Any(code => hash.Contains(code.Replace("-", ""), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheAuthenticatorKey_IsSealedInTheStore()
    {
        var anna = await _people.Member("sealed@example.ch", "+41795550205", "205.205");
        var secret = await _people.EnrolAuthenticator(anna.SessionToken);
        var stored = _server.Store().Read(r => r.Get<Connect.Grpc.Domain.Person>(anna.PersonId))!;
        Assert.NotNull(stored.AuthenticatorSecret);
        Assert.DoesNotContain(secret, stored.AuthenticatorSecret);
        Assert.DoesNotContain(Convert.ToBase64String(OtpNet.Base32Encoding.ToBytes(secret)), stored.AuthenticatorSecret);
    }
}
