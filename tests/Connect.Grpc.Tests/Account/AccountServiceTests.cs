using System.Text.RegularExpressions;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Account;

/// <summary>A person's own account: profile, password, mobile number, authenticator app and recovery codes.</summary>
public sealed partial class AccountServiceTests : IClassFixture<ClassServer>
{
    private const string NewPassword = "a brand new passphrase for connect";

    private readonly ConnectServerFactory _server;
    private readonly SignInDriver _driver;

    public AccountServiceTests(ClassServer shared)
    {
        _server = shared.Server;
        _driver = new SignInDriver(_server, shared.Channel);
    }

    private AccountService.AccountServiceClient Account => _driver.Account;

    [GeneratedRegex("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")]
    private static partial Regex RecoveryCodePattern();

    [GeneratedRegex("^[A-Z2-7]+=*$")]
    private static partial Regex Base32Pattern();

    // ---- profile ----

    [Fact]
    public async Task GetAccount_ReturnsTheProfileAndSecondFactors()
    {
        var member = await _driver.Member("get@muster.test", "+41795550201", "102.001");

        var account = (await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account;

        Assert.Equal(member.PersonId, account.PersonId);
        Assert.Equal("get@muster.test", account.Email);
        Assert.Equal("Anna", account.GivenName);
        Assert.Equal("Muster", account.FamilyName);
        Assert.Equal(Language.Fr, account.Language);
        Assert.EndsWith("01", account.MaskedPhoneNumber);
        Assert.DoesNotContain("5550201", account.MaskedPhoneNumber);
        Assert.Equal("", account.PendingMaskedPhoneNumber);
        Assert.False(account.AuthenticatorEnrolled);
        Assert.Equal(0, account.RecoveryCodesLeft);
        Assert.NotNull(account.PasswordChangeTime);
    }

    [Fact]
    public async Task UpdateProfile_ChangesNamesAndLanguage()
    {
        var member = await _driver.Member("profile@muster.test", "+41795550202", "102.002");

        var updated = (await Account.UpdateProfileAsync(new() { GivenName = "  Berta ", FamilyName = "Beispiel", Language = Language.De },
            RpcAssert.Bearer(member.SessionToken))).Account;

        Assert.Equal("Berta", updated.GivenName);
        Assert.Equal("Beispiel", updated.FamilyName);
        Assert.Equal(Language.De, updated.Language);
        var me = await _driver.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(member.SessionToken));
        Assert.Equal(("Berta", "Beispiel", Language.De), (me.GivenName, me.FamilyName, me.Language));
    }

    [Fact]
    public async Task UpdateProfile_WithUnspecifiedLanguage_KeepsTheLanguage()
    {
        var member = await _driver.Member("keep-language@muster.test", "+41795550203", "102.003");

        var updated = (await Account.UpdateProfileAsync(new() { GivenName = "Clara", FamilyName = "Muster" },
            RpcAssert.Bearer(member.SessionToken))).Account;

        Assert.Equal("Clara", updated.GivenName);
        Assert.Equal(Language.Fr, updated.Language);
    }

    [Theory]
    [InlineData("", "Muster")]
    [InlineData("   ", "Muster")]
    [InlineData("Anna", "")]
    [InlineData("Anna\u0007", "Muster")]
    [InlineData("Anna", "Mus\nter")]
    public async Task UpdateProfile_WithBadName_FailsWithFieldInvalid(string givenName, string familyName)
    {
        var member = await _driver.Member(_server.Unique("bad-name@muster.test"), _server.UniquePhone(), _server.Unique("102.004"));

        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Account.UpdateProfileAsync(new() { GivenName = givenName, FamilyName = familyName }, RpcAssert.Bearer(member.SessionToken)));

        var account = (await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account;
        Assert.Equal(("Anna", "Muster"), (account.GivenName, account.FamilyName));
    }

    [Fact]
    public async Task UpdateProfile_WithNameOf101Characters_FailsWithFieldInvalid_And100AreFine()
    {
        var member = await _driver.Member("long-name@muster.test", "+41795550205", "102.005");

        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Account.UpdateProfileAsync(new() { GivenName = new string('a', 101), FamilyName = "Muster" }, RpcAssert.Bearer(member.SessionToken)));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Account.UpdateProfileAsync(new() { GivenName = "Anna", FamilyName = new string('b', 101) }, RpcAssert.Bearer(member.SessionToken)));

        var updated = (await Account.UpdateProfileAsync(new() { GivenName = new string('a', 100), FamilyName = "Muster" },
            RpcAssert.Bearer(member.SessionToken))).Account;
        Assert.Equal(100, updated.GivenName.Length);
    }

    // ---- password ----

    [Fact]
    public async Task ChangePassword_WithWrongCurrentPassword_FailsWithPasswordIncorrect()
    {
        var member = await _driver.Member("wrong-current@muster.test", "+41795550206", "102.006");

        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSWORD_INCORRECT", Account.ChangePasswordAsync(
            new() { CurrentPassword = "not the password at all", NewPassword = NewPassword }, RpcAssert.Bearer(member.SessionToken)));

        await _driver.Password(member.Email);
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED", _driver.SignIn.StartSignInAsync(new() { Email = member.Email, Password = NewPassword }));
    }

    [Theory]
    [InlineData("short pass", "PASSWORD_TOO_SHORT")]
    [InlineData("password1234", "PASSWORD_TOO_COMMON")]
    [InlineData(null, "PASSWORD_TOO_LONG")]
    public async Task ChangePassword_WithWeakNewPassword_FailsWithItsReason(string? newPassword, string reason)
    {
        var member = await _driver.Member(_server.Unique("weak-new@muster.test"), _server.UniquePhone(), _server.Unique("102.007"));
        newPassword ??= new string('x', 129);

        await RpcAssert.Fails(StatusCode.InvalidArgument, reason, Account.ChangePasswordAsync(
            new() { CurrentPassword = Registrar.Password, NewPassword = newPassword }, RpcAssert.Bearer(member.SessionToken)));

        await _driver.Password(member.Email);
    }

    [Fact]
    public async Task ChangePassword_EndsOtherSessions_KeepsThisOne()
    {
        var member = await _driver.Member("change@muster.test", "+41795550208", "102.008");
        var other = (await _driver.WithSms(member)).Session.SessionToken;
        var current = (await _driver.WithSms(member)).Session.SessionToken;

        var response = await Account.ChangePasswordAsync(new() { CurrentPassword = Registrar.Password, NewPassword = NewPassword },
            RpcAssert.Bearer(current));

        Assert.Equal(2, response.EndedSessions);
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", _driver.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(member.SessionToken)));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", _driver.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(other)));
        await _driver.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(current));
        Assert.Single((await _driver.Sessions.ListSessionsAsync(new(), RpcAssert.Bearer(current))).Sessions);
    }

    [Fact]
    public async Task ChangePassword_ThenOnlyTheNewPasswordSignsIn()
    {
        var member = await _driver.Member("change-sign-in@muster.test", "+41795550209", "102.009");
        var before = (await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account.PasswordChangeTime;
        _server.Time.Advance(TimeSpan.FromMinutes(1));

        await Account.ChangePasswordAsync(new() { CurrentPassword = Registrar.Password, NewPassword = NewPassword }, RpcAssert.Bearer(member.SessionToken));

        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED", _driver.SignIn.StartSignInAsync(new() { Email = member.Email, Password = Registrar.Password }));
        var session = (await _driver.WithSms(member, NewPassword)).Session;
        Assert.Equal(member.PersonId, session.PersonId);
        var after = (await Account.GetAccountAsync(new(), RpcAssert.Bearer(session.SessionToken))).Account.PasswordChangeTime;
        Assert.True(after > before);
    }

    [Fact]
    public async Task ChangePassword_TellsThePersonByEmail()
    {
        var member = await _driver.Member("told@muster.test", "+41795550299", "102.099");
        var mailsBefore = _server.Mail.To(member.Email).Count;

        await Account.ChangePasswordAsync(new() { CurrentPassword = Registrar.Password, NewPassword = NewPassword }, RpcAssert.Bearer(member.SessionToken));

        var notice = await _server.Mail.WaitForText(member.Email, mailsBefore + 1);
        Assert.Contains("Votre mot de passe a été modifié", notice);
        Assert.DoesNotContain(NewPassword, notice);
    }

    // ---- mobile number ----

    [Theory]
    [InlineData("not a number", "PHONE_NUMBER_INVALID")]
    [InlineData("+41313902325", "PHONE_NUMBER_INVALID")]
    [InlineData("+12015550123", "PHONE_COUNTRY_NOT_ALLOWED")]
    public async Task StartPhoneChange_WithBadNumber_FailsWithItsReason(string number, string reason)
    {
        var member = await _driver.Member(_server.Unique("bad-number@muster.test"), _server.UniquePhone(), _server.Unique("102.010"));

        await RpcAssert.Fails(StatusCode.InvalidArgument, reason,
            Account.StartPhoneChangeAsync(new() { PhoneNumber = number }, RpcAssert.Bearer(member.SessionToken)));

        Assert.Equal("", (await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account.PendingMaskedPhoneNumber);
    }

    [Fact]
    public async Task StartPhoneChange_ToTheCurrentNumber_FailsWithFieldInvalid()
    {
        var member = await _driver.Member("same-number@muster.test", "+41795550211", "102.011");

        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Account.StartPhoneChangeAsync(new() { PhoneNumber = "+41795550211" }, RpcAssert.Bearer(member.SessionToken)));
        // The same number in Swiss national format is the same number.
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Account.StartPhoneChangeAsync(new() { PhoneNumber = "079 555 02 11" }, RpcAssert.Bearer(member.SessionToken)));
    }

    [Fact]
    public async Task StartPhoneChange_SendsTheCodeToTheNewNumber_AndKeepsTheOldUntilConfirmed()
    {
        var member = await _driver.Member("phone-pending@muster.test", "+41795550212", "102.012");
        const string newPhone = "+41795550299";

        var started = await Account.StartPhoneChangeAsync(new() { PhoneNumber = newPhone }, RpcAssert.Bearer(member.SessionToken));

        Assert.EndsWith("99", started.MaskedPhoneNumber);
        Assert.DoesNotContain("5550299", started.MaskedPhoneNumber);
        TestCodes.SixDigits(await _server.Sms.WaitForText(newPhone));
        var account = (await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account;
        Assert.EndsWith("12", account.MaskedPhoneNumber);
        Assert.EndsWith("99", account.PendingMaskedPhoneNumber);

        // A sign-in meanwhile still sends its code to the verified number.
        var oldBefore = _server.Sms.To(member.Phone).Count;
        var session = (await _driver.WithSms(member)).Session;
        Assert.Equal(member.PersonId, session.PersonId);
        Assert.Equal(oldBefore + 1, _server.Sms.To(member.Phone).Count);
        Assert.Single(_server.Sms.To(newPhone));
    }

    [Fact]
    public async Task ConfirmPhoneChange_WithTheCode_MovesSignInCodesToTheNewNumber()
    {
        var member = await _driver.Member("phone-confirm@muster.test", "+41795550213", "102.013");
        const string newPhone = "+41795550298";
        await Account.StartPhoneChangeAsync(new() { PhoneNumber = newPhone }, RpcAssert.Bearer(member.SessionToken));
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText(newPhone));

        var account = (await Account.ConfirmPhoneChangeAsync(new() { Code = code }, RpcAssert.Bearer(member.SessionToken))).Account;

        Assert.EndsWith("98", account.MaskedPhoneNumber);
        Assert.Equal("", account.PendingMaskedPhoneNumber);
        var oldCount = _server.Sms.To(member.Phone).Count;
        var challenge = await _driver.Password(member.Email);
        Assert.EndsWith("98", challenge.MaskedPhoneNumber);
        var session = (await _driver.WithSms(member with { Phone = newPhone })).Session;
        Assert.Equal(member.PersonId, session.PersonId);
        Assert.Equal(oldCount, _server.Sms.To(member.Phone).Count);
    }

    [Fact]
    public async Task ConfirmPhoneChange_WithWrongCode_FailsWithCodeInvalid_AndFiveWrongKillTheCode()
    {
        var member = await _driver.Member("phone-wrong@muster.test", "+41795550214", "102.014");
        const string newPhone = "+41795550297";
        await Account.StartPhoneChangeAsync(new() { PhoneNumber = newPhone }, RpcAssert.Bearer(member.SessionToken));
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText(newPhone));

        for (var attempt = 1; attempt < 5; attempt++)
        {
            await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
                Account.ConfirmPhoneChangeAsync(new() { Code = WrongCode(code) }, RpcAssert.Bearer(member.SessionToken)));
        }
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS",
            Account.ConfirmPhoneChangeAsync(new() { Code = WrongCode(code) }, RpcAssert.Bearer(member.SessionToken)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS",
            Account.ConfirmPhoneChangeAsync(new() { Code = code }, RpcAssert.Bearer(member.SessionToken)));

        Assert.EndsWith("14", (await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account.MaskedPhoneNumber);
    }

    [Fact]
    public async Task ConfirmPhoneChange_After10Minutes_FailsWithCodeExpired()
    {
        var member = await _driver.Member("phone-late@muster.test", "+41795550215", "102.015");
        const string newPhone = "+41795550296";
        await Account.StartPhoneChangeAsync(new() { PhoneNumber = newPhone }, RpcAssert.Bearer(member.SessionToken));
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText(newPhone));

        _server.Time.Advance(TimeSpan.FromMinutes(10));

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "CODE_EXPIRED",
            Account.ConfirmPhoneChangeAsync(new() { Code = code }, RpcAssert.Bearer(member.SessionToken)));
        Assert.EndsWith("15", (await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account.MaskedPhoneNumber);
    }

    // ---- authenticator ----

    [Fact]
    public async Task StartAuthenticatorEnrollment_ReturnsABase32SecretAndAnOtpauthUri()
    {
        var member = await _driver.Member("totp-start@muster.test", "+41795550216", "102.016");

        var started = await Account.StartAuthenticatorEnrollmentAsync(new(), RpcAssert.Bearer(member.SessionToken));

        Assert.Matches(Base32Pattern(), started.Secret);
        Assert.True(started.Secret.TrimEnd('=').Length >= 26, "at least 128 bits");
        Assert.StartsWith("otpauth://totp/", started.OtpauthUri);
        Assert.Contains("secret=" + started.Secret, started.OtpauthUri);
        Assert.Contains("issuer=", started.OtpauthUri);
        Assert.False((await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account.AuthenticatorEnrolled);
    }

    [Fact]
    public async Task ConfirmAuthenticatorEnrollment_WithTheAppsCode_EnrolsIt()
    {
        var member = await _driver.Member("totp-confirm@muster.test", "+41795550217", "102.017");
        var started = await Account.StartAuthenticatorEnrollmentAsync(new(), RpcAssert.Bearer(member.SessionToken));

        var account = (await Account.ConfirmAuthenticatorEnrollmentAsync(new() { Code = _driver.Totp(started.Secret) },
            RpcAssert.Bearer(member.SessionToken))).Account;

        Assert.True(account.AuthenticatorEnrolled);
        var challenge = await _driver.Password(member.Email);
        Assert.Equal(SecondFactor.Authenticator, challenge.SecondFactors[0]);
        Assert.Contains(SecondFactor.Sms, challenge.SecondFactors);
    }

    [Fact]
    public async Task ConfirmAuthenticatorEnrollment_WithWrongCode_FailsWithCodeInvalid()
    {
        var member = await _driver.Member("totp-wrong@muster.test", "+41795550218", "102.018");
        var started = await Account.StartAuthenticatorEnrollmentAsync(new(), RpcAssert.Bearer(member.SessionToken));

        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
            Account.ConfirmAuthenticatorEnrollmentAsync(new() { Code = WrongTotp(started.Secret) }, RpcAssert.Bearer(member.SessionToken)));

        Assert.False((await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account.AuthenticatorEnrolled);
    }

    [Fact]
    public async Task ConfirmAuthenticatorEnrollment_WithoutPendingEnrollment_FailsWithSecondFactorUnavailable()
    {
        var member = await _driver.Member("totp-none@muster.test", "+41795550219", "102.019");

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "SECOND_FACTOR_UNAVAILABLE",
            Account.ConfirmAuthenticatorEnrollmentAsync(new() { Code = "123456" }, RpcAssert.Bearer(member.SessionToken)));
    }

    [Fact]
    public async Task StartAuthenticatorEnrollment_WhenEnrolled_FailsWithAuthenticatorAlreadyEnrolled()
    {
        var member = await _driver.Member("totp-twice@muster.test", "+41795550220", "102.020");
        await _driver.EnrolAuthenticator(member.SessionToken);

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "AUTHENTICATOR_ALREADY_ENROLLED",
            Account.StartAuthenticatorEnrollmentAsync(new(), RpcAssert.Bearer(member.SessionToken)));
    }

    [Fact]
    public async Task RemoveAuthenticator_WithWrongPassword_FailsWithPasswordIncorrect()
    {
        var member = await _driver.Member("totp-remove-password@muster.test", "+41795550221", "102.021");
        var secret = await _driver.EnrolAuthenticator(member.SessionToken);
        _driver.NextTotpStep();

        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSWORD_INCORRECT", Account.RemoveAuthenticatorAsync(
            new() { Password = "not the password at all", AuthenticatorCode = _driver.Totp(secret) }, RpcAssert.Bearer(member.SessionToken)));

        Assert.True((await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account.AuthenticatorEnrolled);
    }

    [Fact]
    public async Task RemoveAuthenticator_WithWrongCode_FailsWithCodeInvalid()
    {
        var member = await _driver.Member("totp-remove-code@muster.test", "+41795550222", "102.022");
        var secret = await _driver.EnrolAuthenticator(member.SessionToken);
        _driver.NextTotpStep();

        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID", Account.RemoveAuthenticatorAsync(
            new() { Password = Registrar.Password, AuthenticatorCode = WrongTotp(secret) }, RpcAssert.Bearer(member.SessionToken)));

        Assert.True((await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account.AuthenticatorEnrolled);
    }

    [Fact]
    public async Task RemoveAuthenticator_WithTheCodeOfAnAlreadyUsedStep_FailsWithCodeInvalid()
    {
        var member = await _driver.Member("totp-remove-replay@muster.test", "+41795550223", "102.023");
        var secret = await _driver.EnrolAuthenticator(member.SessionToken);

        // The enrolment used the current step's code.
        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID", Account.RemoveAuthenticatorAsync(
            new() { Password = Registrar.Password, AuthenticatorCode = _driver.Totp(secret) }, RpcAssert.Bearer(member.SessionToken)));

        Assert.True((await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account.AuthenticatorEnrolled);
    }

    [Fact]
    public async Task RemoveAuthenticator_WithPasswordAndFreshCode_RemovesIt()
    {
        var member = await _driver.Member("totp-remove@muster.test", "+41795550224", "102.024");
        var secret = await _driver.EnrolAuthenticator(member.SessionToken);
        _driver.NextTotpStep();

        var account = (await Account.RemoveAuthenticatorAsync(new() { Password = Registrar.Password, AuthenticatorCode = _driver.Totp(secret) },
            RpcAssert.Bearer(member.SessionToken))).Account;

        Assert.False(account.AuthenticatorEnrolled);
        Assert.False((await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account.AuthenticatorEnrolled);
        var challenge = await _driver.Password(member.Email);
        Assert.DoesNotContain(SecondFactor.Authenticator, challenge.SecondFactors);
        Assert.Equal(new[] { SecondFactor.Sms }, challenge.SecondFactors);
        // A new enrolment can start again.
        await Account.StartAuthenticatorEnrollmentAsync(new(), RpcAssert.Bearer(member.SessionToken));
    }

    // ---- recovery codes ----

    [Fact]
    public async Task CreateRecoveryCodes_WithWrongPassword_FailsWithPasswordIncorrect()
    {
        var member = await _driver.Member("recovery-password@muster.test", "+41795550225", "102.025");

        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSWORD_INCORRECT",
            Account.CreateRecoveryCodesAsync(new() { Password = "not the password at all" }, RpcAssert.Bearer(member.SessionToken)));

        Assert.Equal(0, (await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account.RecoveryCodesLeft);
    }

    [Fact]
    public async Task CreateRecoveryCodes_ReturnsTenDistinctCodes()
    {
        var member = await _driver.Member("recovery-create@muster.test", "+41795550226", "102.026");

        var codes = (await Account.CreateRecoveryCodesAsync(new() { Password = Registrar.Password }, RpcAssert.Bearer(member.SessionToken))).RecoveryCodes;

        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches(RecoveryCodePattern(), code));
        Assert.Equal(10, (await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account.RecoveryCodesLeft);
        Assert.Contains(SecondFactor.RecoveryCode, (await _driver.Password(member.Email)).SecondFactors);
    }

    [Fact]
    public async Task CreateRecoveryCodes_Again_KillsTheEarlierCodes()
    {
        var member = await _driver.Member("recovery-again@muster.test", "+41795550227", "102.027");
        var earlier = (await Account.CreateRecoveryCodesAsync(new() { Password = Registrar.Password }, RpcAssert.Bearer(member.SessionToken))).RecoveryCodes;

        var later = (await Account.CreateRecoveryCodesAsync(new() { Password = Registrar.Password }, RpcAssert.Bearer(member.SessionToken))).RecoveryCodes;

        Assert.Empty(earlier.Intersect(later));
        Assert.Equal(10, (await Account.GetAccountAsync(new(), RpcAssert.Bearer(member.SessionToken))).Account.RecoveryCodesLeft);
        var challenge = await _driver.Password(member.Email);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
            _driver.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, RecoveryCode = earlier[0] }));
        var signedIn = await _driver.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, RecoveryCode = later[0] });
        Assert.Equal(member.PersonId, signedIn.Session.PersonId);
        Assert.Equal(9, signedIn.RecoveryCodesLeft);
    }

    [Fact]
    public async Task RemoveAuthenticator_WithARecoveryCode_RemovesIt_AndUsesTheCodeUp()
    {
        var member = await _driver.Member("recovery-remove@muster.test", "+41795550228", "102.028");
        await _driver.EnrolAuthenticator(member.SessionToken);
        var codes = (await Account.CreateRecoveryCodesAsync(new() { Password = Registrar.Password }, RpcAssert.Bearer(member.SessionToken))).RecoveryCodes;

        var account = (await Account.RemoveAuthenticatorAsync(new() { Password = Registrar.Password, RecoveryCode = codes[3] },
            RpcAssert.Bearer(member.SessionToken))).Account;

        Assert.False(account.AuthenticatorEnrolled);
        Assert.Equal(9, account.RecoveryCodesLeft);
        var challenge = await _driver.Password(member.Email);
        Assert.DoesNotContain(SecondFactor.Authenticator, challenge.SecondFactors);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
            _driver.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, RecoveryCode = codes[3] }));
    }

    // ---- no session ----

    [Fact]
    public async Task Calls_WithoutSession_FailWithSessionRequired()
    {
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", Account.GetAccountAsync(new()));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", Account.UpdateProfileAsync(new() { GivenName = "A", FamilyName = "B" }));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED",
            Account.ChangePasswordAsync(new() { CurrentPassword = Registrar.Password, NewPassword = NewPassword }));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", Account.StartPhoneChangeAsync(new() { PhoneNumber = "+41795550230" }));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", Account.ConfirmPhoneChangeAsync(new() { Code = "123456" }));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", Account.StartAuthenticatorEnrollmentAsync(new()));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", Account.ConfirmAuthenticatorEnrollmentAsync(new() { Code = "123456" }));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED",
            Account.RemoveAuthenticatorAsync(new() { Password = Registrar.Password, AuthenticatorCode = "123456" }));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", Account.CreateRecoveryCodesAsync(new() { Password = Registrar.Password }));
    }

    /// <summary>A 6-digit code that is surely not <paramref name="code"/>.</summary>
    private static string WrongCode(string code) => code == "000000" ? "111111" : "000000";

    /// <summary>A 6-digit code that the authenticator accepts in none of the steps around now.</summary>
    private string WrongTotp(string secret)
    {
        var near = new[] { _driver.Totp(secret, -1), _driver.Totp(secret), _driver.Totp(secret, 1) };
        return new[] { "000000", "111111", "222222", "333333" }.First(candidate => !near.Contains(candidate));
    }
}
