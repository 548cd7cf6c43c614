using Grpc.Net.Client;

namespace Connect.Testing;

/// <summary>
/// The fund's first operator on one server: registered with the bootstrap code by the first test that needs them and
/// shared by the tests after it. Tests step the shared fake clock past resend intervals, so the operator signs in again
/// before their session could have reached the idle or absolute limit.
/// </summary>
public sealed class FundOperator(IConnectUnderTest server)
{
    public const string Email = "operator@fund.test";
    public const string Phone = "+41791110000";

    // Well inside the 30-minute idle and 12-hour absolute limits: a test may still step the clock after taking the token.
    private static readonly TimeSpan IdleMargin = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan AbsoluteMargin = TimeSpan.FromHours(6);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _signedInAt;
    private DateTimeOffset _lastTaken;

    // Without stepping the clock as SignInDriver does: the last code to the operator went out before the last use, at
    // least IdleMargin ago, and a test that noted the time must not see it move.
    private async Task<string> SignInAgain(SignInDriver driver)
    {
        var challenge = (await driver.SignIn.StartSignInAsync(new() { Email = Email, Password = Registrar.Password })).Challenge;
        var before = server.Sms.To(Phone).Count;
        await driver.SignIn.SendSignInCodeAsync(new() { SignInToken = challenge.SignInToken });
        var code = TestCodes.SixDigits(await server.Sms.WaitForText(Phone, before + 1));
        return (await driver.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = code })).Session.SessionToken;
    }

    /// <summary>A live session of the operator.</summary>
    public async Task<string> Token(GrpcChannel channel)
    {
        var driver = new SignInDriver(server, channel);
        await _gate.WaitAsync();
        try
        {
            var now = server.Clock.GetUtcNow();
            if (_token is null)
            {
                _token = await driver.Registrar.Operator(Email);
                _signedInAt = now;
            }
            else if (now - _lastTaken > IdleMargin || now - _signedInAt > AbsoluteMargin)
            {
                _token = await SignInAgain(driver);
                _signedInAt = now;
            }
            _lastTaken = server.Clock.GetUtcNow();
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
