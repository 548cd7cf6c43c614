namespace Connect.Admin;

/// <summary>
/// The one resource of the console's texts: <c>Resources/SharedResource.resx</c> (French, the fund's default)
/// and its <c>.de</c>, <c>.it</c> and <c>.en</c> translations.
/// </summary>
public sealed class SharedResource;
