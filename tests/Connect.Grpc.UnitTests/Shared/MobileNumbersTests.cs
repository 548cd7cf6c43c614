using Connect.Grpc.Domain;
using Connect.V1;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.UnitTests.Shared;

public sealed class MobileNumbersTests
{
    private readonly MobileNumbers _numbers = new(Options.Create(new PhoneOptions()));

    [Theory]
    [InlineData("079 123 45 67", "+41791234567")]
    [InlineData("+41 79 123 45 67", "+41791234567")]
    [InlineData("0041791234567", "+41791234567")]
    public void Parse_SwissMobile_IsE164(string typed, string e164) => Assert.Equal(e164, _numbers.Parse("phone_number", typed));

    [Theory]
    [InlineData("")]
    [InlineData("not a number")]
    [InlineData("044 123 45 67")] // a Zurich landline receives no SMS
    [InlineData("+41 79 123 45 67 89 01 23 45 67 89 01 23")]
    public void Parse_NoMobile_IsPhoneNumberInvalid(string typed)
    {
        var refused = Assert.Throws<ConnectException>(() => _numbers.Parse("phone_number", typed));
        Assert.Equal(ErrorReason.PhoneNumberInvalid, refused.Reason);
        Assert.Equal("phone_number", Assert.Single(refused.Violations).Field);
    }

    [Fact]
    public void Parse_MobileOfACountryNotAllowed_IsPhoneCountryNotAllowed() =>
        Assert.Equal(ErrorReason.PhoneCountryNotAllowed,
            Assert.Throws<ConnectException>(() => _numbers.Parse("phone_number", "+1 415 555 2671")).Reason);

    [Theory]
    [InlineData("+41791234567", "•••••••••67")]
    [InlineData(null, "")]
    [InlineData("+41", "")]
    public void Mask_ShowsTheLastTwoDigits(string? e164, string masked) => Assert.Equal(masked, MobileNumbers.Mask(e164));
}
