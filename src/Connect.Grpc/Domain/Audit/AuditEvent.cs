namespace Connect.Grpc.Domain;

/// <summary>Who did what to whom; written in the same transaction as the change.</summary>
public sealed class AuditEvent : Entity
{
    public DateTime Time { get; set; }
    public string Action { get; set; } = "";
    public string? ActorPersonId { get; set; }
    /// <summary>The application that acted, and its name then (applications are audited under their name).</summary>
    public string? ActorApplicationId { get; set; }
    public string? ActorApplicationName { get; set; }
    public string? OrganizationId { get; set; }
    public string? TargetType { get; set; }
    public string? TargetId { get; set; }
    public string? ClientAddress { get; set; }
    /// <summary>Field → value (or "before → after"); never a secret.</summary>
    public Dictionary<string, string> Details { get; set; } = [];
    /// <summary>Organisation id + time + event id (see AuditKeys): an organisation's log in time order is an indexed range.</summary>
    public string? OrganizationKey { get; set; }
    /// <summary>Target id + time + event id (see AuditKeys): one member's history in time order is an indexed range.</summary>
    public string? TargetKey { get; set; }

    // Derived keys, kept by the store on every write (layout in Storage/Keys/AuditKeys): each is an index where a time range is a key range.

    /// <summary>The time and id alone: the whole log in time order.</summary>
    public string? TimeKey { get; set; }
    /// <summary>The acting person's events in time order.</summary>
    public string? ActorKey { get; set; }
    /// <summary>The events of one action family (<c>membership.*</c>) in time order.</summary>
    public string? ActionKey { get; set; }
    /// <summary>A person's sign-ins and failed sign-ins in time order; null for other events.</summary>
    public string? SignInKey { get; set; }
}
