namespace Connect.Grpc.Domain;

public sealed class Topic : Entity
{
    public string NameFr { get; set; } = "";
    public string NameDe { get; set; } = "";
    public string NameIt { get; set; } = "";
    public string NameEn { get; set; } = "";
    /// <summary>Set once the fund retired the topic: no longer granted, given or checked; history keeps its id.</summary>
    public DateTime? RetiredAt { get; set; }

    public bool IsRetired() => RetiredAt is not null;
}
