namespace Connect.Grpc.Domain;

/// <summary>What an organisation list asks for: folded name words (each must start a word of the name) and the affiliate-number prefix.</summary>
public sealed record OrganizationQuery(IReadOnlyList<string> Words, string? AffiliatePrefix, bool Empty)
{
    /// <summary>The query of the list: words of letters and digits, any case and accents; or the start of an affiliate number.</summary>
    public static OrganizationQuery Parse(string? query)
    {
        var text = (query ?? "").Trim();
        // The member list's limits and folding: one way to read a search box.
        MemberDirectory.SearchWords(text);
        var words = SearchText.Words(text);
        var affiliate = text.Length > 0 && OrganizationInput.LooksLikeAffiliateNumber(text) ? text.ToLowerInvariant() : null;
        return new OrganizationQuery(words, affiliate, text.Length == 0);
    }

    /// <summary>The same query in a canonical form, for binding page tokens to it.</summary>
    public override string ToString() => string.Join(' ', Words) + "|" + AffiliatePrefix;
}
