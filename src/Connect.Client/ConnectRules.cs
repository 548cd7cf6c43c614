using Connect.V1;

namespace Connect.Client;

/// <summary>
/// The state rules Connect enforces, for pages that offer only what Connect will do. Connect's answer stays the
/// authority (the error reason each rule names); these let a page hide a button instead of showing a refusal.
/// </summary>
public static class ConnectRules
{
    /// <summary>Only an active member can be deactivated (otherwise <c>ERROR_REASON_MEMBER_STATE_INVALID</c>).</summary>
    public static bool MayDeactivate(MemberState state) => state == MemberState.Active;

    /// <summary>Only a deactivated member can be reactivated (otherwise <c>ERROR_REASON_MEMBER_STATE_INVALID</c>).</summary>
    public static bool MayReactivate(MemberState state) => state == MemberState.Deactivated;

    /// <summary>
    /// An active organisation other than the fund's own can be suspended (otherwise
    /// <c>ERROR_REASON_FUND_ORGANIZATION_PROTECTED</c> or <c>ERROR_REASON_ORGANIZATION_STATE_INVALID</c>).
    /// </summary>
    public static bool MaySuspend(Organization organization) => !organization.Fund && organization.State == OrganizationState.Active;

    /// <summary>Only an active organisation gets invitations (otherwise <c>ERROR_REASON_ORGANIZATION_SUSPENDED</c>).</summary>
    public static bool MayInvite(OrganizationState state) => state == OrganizationState.Active;

    /// <summary>Only a pending invitation can be revoked (otherwise <c>ERROR_REASON_INVITATION_NOT_PENDING</c>).</summary>
    public static bool MayRevoke(InvitationState state) => state == InvitationState.Pending;
}
