using Connect.Grpc.Domain;

namespace Connect.Grpc.UnitTests.Members;

/// <summary>The membership's state machine on the entity alone: no server, no store.</summary>
public sealed class MembershipStateTests
{
    private static readonly Person WithPassword = new() { PasswordHash = "hash" };
    private static readonly Person WithoutPassword = new();

    [Fact]
    public void NewMembership_StartsOnlyWaitingForItsPhoneOrActive()
    {
        Assert.Equal(MembershipState.PendingPhone, new Membership(MembershipState.PendingPhone).State);
        Assert.Equal(MembershipState.Active, new Membership(MembershipState.Active).State);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Membership(MembershipState.PendingActivation));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Membership(MembershipState.Deactivated));
    }

    [Fact]
    public void PhoneVerified_MovesTheWaitingNumberToTheInvitee_AndWaitsForActivation()
    {
        var membership = new Membership(MembershipState.PendingPhone) { PendingPhoneNumber = "+41795550101", Invitee = new() };

        membership.PhoneVerified();

        Assert.Equal(MembershipState.PendingActivation, membership.State);
        Assert.Null(membership.PendingPhoneNumber);
        Assert.Equal("+41795550101", membership.Invitee!.PhoneNumber);
    }

    [Fact]
    public void PhoneVerified_WithoutAWaitingNumber_IsRefused()
    {
        var membership = new Membership(MembershipState.PendingPhone);

        AssertRefused(membership.PhoneVerified, "MemberStateInvalid");
        Assert.Equal(MembershipState.PendingPhone, membership.State);
    }

    [Fact]
    public void Activate_And_Accept_TurnAWaitingMembershipActive()
    {
        var activated = Waiting();
        var accepted = Waiting();

        activated.Activate();
        accepted.Accept();

        Assert.Equal(MembershipState.Active, activated.State);
        Assert.Equal(MembershipState.Active, accepted.State);
    }

    [Fact]
    public void Deactivate_EndsAnActiveMembership_AndDropsItsWaitingNumber()
    {
        var membership = new Membership(MembershipState.Active) { PendingPhoneNumber = "+41795550101" };

        membership.Deactivate();

        Assert.Equal(MembershipState.Deactivated, membership.State);
        Assert.Null(membership.PendingPhoneNumber);
    }

    [Fact]
    public void Reactivate_IsActiveForAPersonWithAPassword_ElseWaitsForActivation()
    {
        var withPassword = Deactivated();
        var withoutPassword = Deactivated();

        withPassword.Reactivate(WithPassword);
        withoutPassword.Reactivate(WithoutPassword);

        Assert.Equal(MembershipState.Active, withPassword.State);
        Assert.Equal(MembershipState.PendingActivation, withoutPassword.State);
    }

    [Fact]
    public void Reactivate_WhenThePersonWasRemoved_IsRefusedWithPersonRemoved()
    {
        var membership = Deactivated();

        AssertRefused(() => membership.Reactivate(null), "PersonRemoved");
        Assert.Equal(MembershipState.Deactivated, membership.State);
    }

    [Fact]
    public void Rejoin_MakesADeactivatedMembershipActive()
    {
        var membership = Deactivated();

        membership.Rejoin();

        Assert.Equal(MembershipState.Active, membership.State);
    }

    /// <summary>Every transition from every state it does not start from is refused, and leaves the state as it was.</summary>
    [Theory]
    [InlineData("PhoneVerified", MembershipState.PendingActivation)]
    [InlineData("PhoneVerified", MembershipState.Active)]
    [InlineData("PhoneVerified", MembershipState.Deactivated)]
    [InlineData("Activate", MembershipState.PendingPhone)]
    [InlineData("Activate", MembershipState.Active)]
    [InlineData("Activate", MembershipState.Deactivated)]
    [InlineData("Accept", MembershipState.PendingPhone)]
    [InlineData("Accept", MembershipState.Active)]
    [InlineData("Accept", MembershipState.Deactivated)]
    [InlineData("Deactivate", MembershipState.PendingPhone)]
    [InlineData("Deactivate", MembershipState.PendingActivation)]
    [InlineData("Deactivate", MembershipState.Deactivated)]
    [InlineData("Reactivate", MembershipState.PendingPhone)]
    [InlineData("Reactivate", MembershipState.PendingActivation)]
    [InlineData("Reactivate", MembershipState.Active)]
    [InlineData("Rejoin", MembershipState.PendingPhone)]
    [InlineData("Rejoin", MembershipState.PendingActivation)]
    [InlineData("Rejoin", MembershipState.Active)]
    public void Transition_FromTheWrongState_IsRefusedWithMemberStateInvalid(string transition, MembershipState from)
    {
        var membership = In(from);
        membership.PendingPhoneNumber = "+41795550101";
        Action act = transition switch
        {
            "PhoneVerified" => membership.PhoneVerified,
            "Activate" => membership.Activate,
            "Accept" => membership.Accept,
            "Deactivate" => membership.Deactivate,
            "Reactivate" => () => membership.Reactivate(WithPassword),
            _ => membership.Rejoin,
        };

        AssertRefused(act, "MemberStateInvalid");
        Assert.Equal(from, membership.State);
    }

    private static Membership Waiting()
    {
        var membership = new Membership(MembershipState.PendingPhone) { PendingPhoneNumber = "+41795550101" };
        membership.PhoneVerified();
        return membership;
    }

    private static Membership Deactivated()
    {
        var membership = new Membership(MembershipState.Active);
        membership.Deactivate();
        return membership;
    }

    private static Membership In(MembershipState state) => state switch
    {
        MembershipState.PendingPhone => new Membership(MembershipState.PendingPhone),
        MembershipState.PendingActivation => Waiting(),
        MembershipState.Active => new Membership(MembershipState.Active),
        _ => Deactivated(),
    };

    /// <summary>
    /// The server's exception and its reason are internal (the test project sees the client's public contract types),
    /// so the reason is read by name.
    /// </summary>
    private static void AssertRefused(Action act, string reason)
    {
        var refused = Assert.ThrowsAny<Exception>(act);
        Assert.Equal("ConnectException", refused.GetType().Name);
        Assert.Equal(reason, refused.GetType().GetProperty("Reason")!.GetValue(refused)!.ToString());
    }
}
