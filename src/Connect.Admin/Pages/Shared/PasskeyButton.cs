namespace Connect.Admin.Pages.Shared;

/// <summary>
/// What <c>_PasskeyButton</c> shows: the WebAuthn options Connect made (creation options when <see cref="Create"/>,
/// request options otherwise), the form and handler the answer goes to as <c>CredentialJson</c>, with its other fields.
/// </summary>
public sealed record PasskeyButton(string OptionsJson, bool Create, string FormId, string Handler, string ButtonId, string Label)
{
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    public IDictionary<string, string> RouteValues { get; init; } = new Dictionary<string, string>();
}
