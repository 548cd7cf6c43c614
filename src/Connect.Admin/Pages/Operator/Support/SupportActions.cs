namespace Connect.Admin.Pages.Operator.Support;

/// <summary>What support can do for a person; each needs a reason, which Connect keeps in the audit log.</summary>
public enum SupportAction
{
    LiftLock,
    ResetSecondFactor,
    ResendActivation,
}

/// <summary>A support action in the address (<c>/operator/support/{id}/reset-second-factor</c>) and in the texts' keys.</summary>
public static class SupportActions
{
    public static IReadOnlyList<SupportAction> All { get; } = Enum.GetValues<SupportAction>();

    public static string Slug(SupportAction action) => action switch
    {
        SupportAction.LiftLock => "lift-lock",
        SupportAction.ResetSecondFactor => "reset-second-factor",
        _ => "resend-activation",
    };

    public static SupportAction? FromSlug(string? slug) => All.Cast<SupportAction?>().FirstOrDefault(a => Slug(a!.Value) == slug);

    /// <summary>The resource key of one of the action's texts: <c>Operator.Support.reset-second-factor.Title</c>.</summary>
    public static string TextKey(SupportAction action, string part) => $"Operator.Support.{Slug(action)}.{part}";
}
