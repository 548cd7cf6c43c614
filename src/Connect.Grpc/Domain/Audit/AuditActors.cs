namespace Connect.Grpc.Domain;

/// <summary>The acting persons of audit events, each read once, so that a page shows their names as they are now.</summary>
internal static class AuditActors
{
    public static List<(AuditEvent Event, Person? Actor)> Resolve(IStoreReader reader, IReadOnlyList<AuditEvent> events)
    {
        var actors = reader.GetMany<Person>([.. events.Select(e => e.ActorPersonId).OfType<string>()]).ToDictionary(p => p.Id, StringComparer.Ordinal);
        return events.Select(e => (e, e.ActorPersonId is null ? null : actors.GetValueOrDefault(e.ActorPersonId))).ToList();
    }

    /// <summary>
    /// The name shown for an event's actor: the person's given and family name, the application's name, or empty when
    /// the actor is unknown.
    /// </summary>
    public static string NameOf(AuditEvent auditEvent, Person? actor) => actor is not null
        ? $"{actor.GivenName} {actor.FamilyName}".Trim()
        : auditEvent.ActorApplicationName ?? "";
}
