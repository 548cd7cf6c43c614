using Connect.V1;

namespace Connect.Admin.Pages.Members;

/// <summary>A member's state in the address (<c>?state=pending-phone</c>) and in words (<c>Members.State.pending-phone</c>).</summary>
public static class MemberStates
{
    /// <summary>Every state, in the order of a member's life.</summary>
    public static IReadOnlyList<MemberState> All { get; } =
        [MemberState.PendingPhone, MemberState.PendingActivation, MemberState.Active, MemberState.Deactivated];

    public static string Slug(MemberState state) => state switch
    {
        MemberState.PendingPhone => "pending-phone",
        MemberState.PendingActivation => "pending-activation",
        MemberState.Active => "active",
        MemberState.Deactivated => "deactivated",
        _ => "unspecified",
    };

    public static MemberState? FromSlug(string? slug) => All.Cast<MemberState?>().FirstOrDefault(s => Slug(s!.Value) == slug);

    /// <summary>The resource key of the state's words.</summary>
    public static string TextKey(MemberState state) => "Members.State." + Slug(state);

    public static bool IsPending(MemberState state) => state is MemberState.PendingPhone or MemberState.PendingActivation;
}
