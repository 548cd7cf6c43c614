using Connect.Grpc.Domain;
using Connect.V1;

namespace Connect.Grpc.UnitTests.Shared;

public sealed class ValidateTests
{
    [Theory]
    [InlineData("  Anna  ", "Anna")]
    [InlineData("Zoë Müller-Šimić", "Zoë Müller-Šimić")]
    public void Name_IsTrimmed(string typed, string kept) => Assert.Equal(kept, Validate.Name("given_name", typed));

    [Theory]
    [InlineData(null, "must not be empty")]
    [InlineData("   ", "must not be empty")]
    [InlineData("Anna\u0007", "must not contain control characters")]
    public void Name_Refused_NamesTheField(string? typed, string problem)
    {
        var refused = Assert.Throws<ConnectException>(() => Validate.Name("given_name", typed));
        Assert.Equal(ErrorReason.FieldInvalid, refused.Reason);
        Assert.Equal(new FieldViolation("given_name", problem), Assert.Single(refused.Violations));
    }

    [Fact]
    public void Name_OfTheLimit_PassesAndOneMoreIsRefused()
    {
        Assert.Equal(Validate.MaxNameLength, Validate.Name("f", new string('a', Validate.MaxNameLength)).Length);
        Assert.Throws<ConnectException>(() => Validate.Name("f", new string('a', Validate.MaxNameLength + 1)));
    }

    [Theory]
    [InlineData(" Anna.Keller@Example.CH ", "anna.keller@example.ch")]
    [InlineData("a@b.ch", "a@b.ch")]
    public void Email_IsTrimmedAndLowerCased(string typed, string kept) => Assert.Equal(kept, Validate.Email("email", typed));

    [Theory]
    [InlineData("")]
    [InlineData("anna")]
    [InlineData("anna@localhost")]
    [InlineData("anna keller@example.ch")]
    [InlineData("Anna <anna@example.ch>")]
    [InlineData("anna@.example.ch")]
    [InlineData("anna@example.ch.")]
    public void Email_NotAnAddress_IsRefused(string typed) =>
        Assert.Equal(ErrorReason.FieldInvalid, Assert.Throws<ConnectException>(() => Validate.Email("email", typed)).Reason);

    [Theory]
    [InlineData(0, 50)]
    [InlineData(1, 1)]
    [InlineData(200, 200)]
    public void PageSize_ZeroMeansFifty(int asked, int given) => Assert.Equal(given, Validate.PageSize(asked));

    [Theory]
    [InlineData(-1)]
    [InlineData(201)]
    public void PageSize_OutOfRange_IsRefusedNotCut(int asked) =>
        Assert.Equal("page_size", Assert.Single(Assert.Throws<ConnectException>(() => Validate.PageSize(asked)).Violations).Field);

    [Fact]
    public void Token_TooLong_IsUnknownRatherThanLookedUp() =>
        Assert.Equal(ErrorReason.SessionInvalid,
            Assert.Throws<ConnectException>(() => Validate.Token("token", new string('x', 129), ErrorReason.SessionInvalid)).Reason);
}
