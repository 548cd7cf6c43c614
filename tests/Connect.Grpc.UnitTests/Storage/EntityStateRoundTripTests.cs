using Connect.Grpc.Domain;
using Connect.Grpc.Storage;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>
/// State that only an entity's own methods may change has private setters; the store still writes and reads it back.
/// </summary>
public sealed class EntityStateRoundTripTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"connect-roundtrip-{Guid.NewGuid():N}.db");
    private readonly LiteDbStore _store;
    private static readonly DateTime Now = new(2026, 12, 7, 9, 30, 0, DateTimeKind.Utc);

    public EntityStateRoundTripTests() => _store = new LiteDbStore(_file, flushToDisk: false);

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
        _store.Write(w =>
        {
            w.Insert(entity);
            return 0;
        });
        return _store.Read(r => r.Get<T>(entity.Id))!;
    }

    public void Dispose()
    {
        _store.Dispose();
        File.Delete(_file);
        File.Delete(Path.ChangeExtension(_file, null) + "-log.db");
    }
}
