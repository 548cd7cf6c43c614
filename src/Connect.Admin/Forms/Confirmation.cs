namespace Connect.Admin.Forms;

/// <summary>
/// A dangerous action's second step (suspend, deactivate, sign out everywhere): the page shows
/// <c>_Confirmation</c> with this question, and only its button, which posts the same handler again with
/// <see cref="ConfirmedField"/> and the values typed in the first step, does it. Cancel goes back to the page.
/// </summary>
/// <param name="Id">The confirmation form's id, e.g. <c>confirm-suspend</c>.</param>
/// <param name="Title">The question, e.g. "Suspendre Muster AG ?".</param>
/// <param name="Text">What it will do, in a sentence or two.</param>
/// <param name="Handler">The page handler that does it.</param>
/// <param name="RouteId">The page's <c>id</c> route value, if it has one.</param>
/// <param name="Fields">The first step's values, posted again (a name may come several times: a list).</param>
/// <param name="ConfirmLabel">The button's words, e.g. "Suspendre".</param>
/// <param name="CancelUrl">Where "Annuler" leads: the page itself, unchanged.</param>
public sealed record Confirmation(string Id, string Title, string Text, string Handler, string? RouteId,
    IReadOnlyList<KeyValuePair<string, string>> Fields, string ConfirmLabel, string CancelUrl)
{
    /// <summary>The input that says the second step was answered "yes".</summary>
    public const string ConfirmedField = "Confirmed";
}
