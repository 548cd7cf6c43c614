using Connect.Grpc.Domain;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>State that only an entity's own methods may change has private setters; every store still writes and reads it back.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public void Membership_KeepsItsStateThroughTheStore()
    {
        var membership = new Membership(MembershipState.Active) { PersonId = "p", OrganizationId = "o" };
        membership.Deactivate();

        var read = RoundTrip(membership);

        Assert.Equal(MembershipState.Deactivated, read.State);
    }

    [Fact]
    public void Organization_KeepsItsSuspensionThroughTheStore()
    {
        var organization = new Organization { DisplayName = "Beta", AffiliateNumber = "ROUND-TRIP" };
        organization.Suspend(Now);

        var read = RoundTrip(organization);

        Assert.True(read.Suspended);
        Assert.Equal(Now, read.SuspendedAt);
        Assert.Equal(DateTimeKind.Utc, read.SuspendedAt!.Value.Kind);
    }

    [Fact]
    public void Invitation_KeepsItsRedemptionAndReplacementThroughTheStore()
    {
        var redeemed = new Invitation { CodeHash = "a", ExpiresAt = Now.AddDays(1) };
        redeemed.Redeem(Now);
        var replaced = new Invitation { CodeHash = "b", ExpiresAt = Now.AddDays(1) };
        replaced.ReplaceBy("new-id", Now);

        var readRedeemed = RoundTrip(redeemed);
        var readReplaced = RoundTrip(replaced);

        Assert.Equal(Now, readRedeemed.RedeemedAt);
        Assert.Equal(InvitationState.Redeemed, readRedeemed.StateAt(Now));
        Assert.Equal(Now, readReplaced.RevokedAt);
        Assert.Equal("new-id", readReplaced.ReplacedById);
    }

    private T RoundTrip<T>(T entity) where T : Entity
    {
        Insert(entity);
        return Read(r => r.Get<T>(entity.Id))!;
    }
}
