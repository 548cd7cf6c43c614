using Connect.V1;

namespace Connect.Admin.Pages.Operator.Organizations;

/// <summary>
/// An organisation's state in the address (<c>?state=suspended</c>) and in words
/// (<c>Operator.Organizations.State.suspended</c>); an invitation's state and delivery in words.
/// </summary>
public static class OrganizationStates
{
    public static IReadOnlyList<OrganizationState> All { get; } = [OrganizationState.Active, OrganizationState.Suspended];

    public static string Slug(OrganizationState state) => state switch
    {
        OrganizationState.Active => "active",
        OrganizationState.Suspended => "suspended",
        _ => "unspecified",
    };

    public static OrganizationState? FromSlug(string? slug) => All.Cast<OrganizationState?>().FirstOrDefault(s => Slug(s!.Value) == slug);

    public static string TextKey(OrganizationState state) => "Operator.Organizations.State." + Slug(state);

    public static string InvitationSlug(InvitationState state) => state switch
    {
        InvitationState.Pending => "pending",
        InvitationState.Redeemed => "redeemed",
        InvitationState.Expired => "expired",
        InvitationState.Revoked => "revoked",
        _ => "unspecified",
    };

    public static string InvitationTextKey(InvitationState state) => "Operator.Invitations.State." + InvitationSlug(state);

    public static string DeliveryTextKey(InvitationDelivery delivery) => "Operator.Invitations.Delivery." + delivery switch
    {
        InvitationDelivery.Email => "email",
        InvitationDelivery.Letter => "letter",
        InvitationDelivery.Bootstrap => "bootstrap",
        _ => "unspecified",
    };
}
