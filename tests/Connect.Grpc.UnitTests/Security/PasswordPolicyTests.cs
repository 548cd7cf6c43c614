using Connect.Grpc.Domain;
using Connect.Grpc.Security;
using Connect.V1;

namespace Connect.Grpc.UnitTests.Security;

public sealed class PasswordPolicyTests
{
    private static readonly PasswordPolicy Policy = new();

    [Theory]
    [InlineData("short pass", "PASSWORD_TOO_SHORT")]
    [InlineData("1QAZ2wsx3edc", "PASSWORD_TOO_COMMON")] // on the list, compared without regard to case
    public void Check_Refuses(string password, string reason) =>
        Assert.Equal(reason, WireNames.Of(Assert.Throws<ConnectException>(() => Policy.Check("password", password)).Reason));

    [Fact]
    public void Check_CountsCharactersNotBytes()
    {
        Policy.Check("password", "Grüezi Zürich"); // 13 characters, more bytes
        Policy.Check("password", new string('ä', PasswordPolicy.MaxLength));
        Assert.Equal(ErrorReason.PasswordTooLong,
            Assert.Throws<ConnectException>(() => Policy.Check("password", new string('ä', PasswordPolicy.MaxLength + 1))).Reason);
    }

    [Fact]
    public void CommonPasswords_AreShipped() => Assert.True(Policy.CommonPasswordCount > 40_000);

    [Fact]
    public void Typed_HugePassword_IsRefusedBeforeHashing() =>
        Assert.Throws<ConnectException>(() => PasswordPolicy.Typed("password", new string('x', 4 * PasswordPolicy.MaxLength + 1)));
}
