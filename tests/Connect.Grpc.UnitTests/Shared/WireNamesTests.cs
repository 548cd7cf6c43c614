using Connect.Grpc.Domain;
using Connect.V1;

namespace Connect.Grpc.UnitTests.Shared;

public sealed class WireNamesTests
{
    [Fact]
    public void ErrorReasonNames_AreTheProtoNamesWithoutTheirPrefix()
    {
        foreach (var value in ErrorReasonReflection.Descriptor.EnumTypes[0].Values)
            Assert.Equal(value.Name["ERROR_REASON_".Length..], WireNames.Of((ErrorReason)value.Number));
    }

    [Fact]
    public void StatesAndPurposes_AreSnakeCase()
    {
        Assert.Equal("pending_activation", WireNames.Of(MembershipState.PendingActivation));
        Assert.Equal("partner", WireNames.Of(Domain.ApplicationKind.Partner));
        Assert.Equal("member_phone_change", WireNames.Of(ChallengePurpose.MemberPhoneChange));
    }
}
