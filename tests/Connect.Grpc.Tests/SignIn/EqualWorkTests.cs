using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.SignIn;

/// <summary>
/// Decision 0019: every door that takes an e-mail address does the same reads and writes for an address that belongs to
/// a person and for one that belongs to nobody, and still delivers nothing to nobody. Timing follows from the work; the
/// figures are in <c>bench/README.md</c> (<c>AddressDoorBenchmarks</c>).
/// </summary>
public sealed class EqualWorkTests : IDisposable
{
    private const string Unknown = "nobody.at.all@example.ch";

    private readonly ConnectServerFactory _server = new(services: CountingStore.Register);
    private readonly SignInDriver _people;

    public EqualWorkTests() => _people = new SignInDriver(_server, _server.CreateChannel());

    public void Dispose() => _server.Dispose();

    private CountingStore Store => (CountingStore)_server.Store();

    [Fact]
    public async Task StartPasswordReset_DoesTheSameWork_AndMailsNobody()
    {
        var anna = await _people.Member("equal-reset@example.ch", "+41795550501", "501.501");
        var mailsBefore = _server.Mail.To(anna.Email).Count;

        var known = await Work(() => _people.SignIn.StartPasswordResetAsync(new() { Email = anna.Email }).ResponseAsync);
        var unknown = await Work(() => _people.SignIn.StartPasswordResetAsync(new() { Email = Unknown }).ResponseAsync);

        Assert.Equal(known, unknown);
        Assert.Contains("Insert OutboxMessage", unknown);
        Assert.Contains("Insert AuditEvent", unknown);

        // The known address gets its e-mail; the unknown one's decoy is dropped unsent and leaves no message behind.
        await _server.Mail.WaitForText(anna.Email, mailsBefore + 1);
        await WaitUntilNoDecoyWaits();
        Assert.Empty(_server.Mail.To(Unknown));
        Assert.Equal(0, _server.Stored<OutboxMessage>().Count(m => m.To == Unknown));
    }

    [Fact]
    public async Task ResendPasswordResetCode_DoesTheSameWork()
    {
        var anna = await _people.Member("equal-resend@example.ch", "+41795550502", "502.502");
        var knownToken = (await _people.SignIn.StartPasswordResetAsync(new() { Email = anna.Email })).ResetToken;
        var unknownToken = (await _people.SignIn.StartPasswordResetAsync(new() { Email = Unknown })).ResetToken;
        _people.Registrar.WaitOutResendInterval();

        var known = await Work(() => _people.SignIn.ResendPasswordResetCodeAsync(new() { ResetToken = knownToken }).ResponseAsync);
        var unknown = await Work(() => _people.SignIn.ResendPasswordResetCodeAsync(new() { ResetToken = unknownToken }).ResponseAsync);

        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task ResetPassword_WithAWrongCode_DoesTheSameWork()
    {
        var anna = await _people.Member("equal-code@example.ch", "+41795550503", "503.503");
        var knownToken = (await _people.SignIn.StartPasswordResetAsync(new() { Email = anna.Email })).ResetToken;
        var unknownToken = (await _people.SignIn.StartPasswordResetAsync(new() { Email = Unknown })).ResetToken;
        // Wrong for both (the known code is this one in a million times).
        const string wrong = "000000";

        var known = await Refused(() => _people.SignIn.ResetPasswordAsync(new() { ResetToken = knownToken, Code = wrong, NewPassword = "a brand new passphrase" }).ResponseAsync);
        var unknown = await Refused(() => _people.SignIn.ResetPasswordAsync(new() { ResetToken = unknownToken, Code = wrong, NewPassword = "a brand new passphrase" }).ResponseAsync);

        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task StartSignIn_UnknownAddressAndWrongPassword_DoTheSameWork()
    {
        var anna = await _people.Member("equal-sign-in@example.ch", "+41795550504", "504.504");

        var known = await Refused(() => _people.SignIn.StartSignInAsync(new() { Email = anna.Email, Password = "not anna's password at all" }).ResponseAsync);
        var unknown = await Refused(() => _people.SignIn.StartSignInAsync(new() { Email = Unknown, Password = "not anna's password at all" }).ResponseAsync);

        Assert.Equal(known, unknown);
        Assert.Contains("Insert AuditEvent", unknown);
        Assert.Equal(1, _server.Stored<Domain.AuditEvent>().Count(e => e.Action == "sign_in.failed_unknown_address"));
        Assert.DoesNotContain(_server.Stored<Domain.AuditEvent>().Where(e => e.Action == "sign_in.failed_unknown_address"),
            e => e.TargetId!.Contains(Unknown, StringComparison.OrdinalIgnoreCase) || e.Details.Values.Any(v => v.Contains(Unknown, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task SubmitEmail_DoesTheSameWork()
    {
        var anna = await _people.Member("equal-register@example.ch", "+41795550505", "505.505");
        var operatorToken = await _people.OperatorToken();
        var organization = await _people.Registrar.Organization(operatorToken, "505.506");
        var code = (await _people.Registrar.Letter(operatorToken, organization.Id)).AccessCode;
        var first = (await _people.Registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = code })).RegistrationToken;
        var second = (await _people.Registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = code })).RegistrationToken;

        var known = await Work(() => _people.Registrar.Registration.SubmitEmailAsync(new() { RegistrationToken = first, Email = anna.Email, Language = Language.Fr }).ResponseAsync);
        var unknown = await Work(() => _people.Registrar.Registration.SubmitEmailAsync(new() { RegistrationToken = second, Email = Unknown, Language = Language.Fr }).ResponseAsync);

        Assert.Equal(known, unknown);
    }

    /// <summary>The reads and writes of one call that succeeds.</summary>
    private async Task<IReadOnlyList<string>> Work<T>(Func<Task<T>> call)
    {
        Store.Take();
        Store.Recording = true;
        try
        {
            await call();
            return Store.Take();
        }
        finally
        {
            Store.Recording = false;
        }
    }

    /// <summary>The reads and writes of one call that is refused.</summary>
    private async Task<IReadOnlyList<string>> Refused<T>(Func<Task<T>> call) => await Work(async () =>
    {
        await Assert.ThrowsAsync<RpcException>(call);
        return 0;
    });

    private async Task WaitUntilNoDecoyWaits()
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if (_server.Stored<OutboxMessage>().Count(m => m.Decoy) == 0) return;
        }
        throw new TimeoutException("The decoy was not dropped.");
    }
}
