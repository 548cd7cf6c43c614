namespace Connect.Grpc.Domain;

/// <summary>The topic catalogue a new installation starts with.</summary>
internal static class DefaultTopics
{
    public static IReadOnlyList<Topic> Create() =>
    [
        new() { Id = "contributions", NameFr = "Cotisations", NameDe = "Beiträge", NameIt = "Contributi", NameEn = "Contributions" },
        new() { Id = "family-allowances", NameFr = "Allocations familiales", NameDe = "Familienzulagen", NameIt = "Assegni familiari", NameEn = "Family allowances" },
        new() { Id = "loss-of-earnings", NameFr = "Allocations pour perte de gain", NameDe = "Erwerbsersatz", NameIt = "Indennità per perdita di guadagno", NameEn = "Loss of earnings" },
        new() { Id = "salary-declarations", NameFr = "Déclarations de salaires", NameDe = "Lohnmeldungen", NameIt = "Dichiarazioni dei salari", NameEn = "Salary declarations" },
    ];
}
