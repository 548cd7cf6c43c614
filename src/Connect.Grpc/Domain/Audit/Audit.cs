namespace Connect.Grpc.Domain;

/// <summary>Writes audit events; called inside the write that makes the change, so both commit or neither.</summary>
internal sealed class Audit(TimeProvider time)
{
    public void Record(IStoreWriter transaction, Caller caller, string action, string? organizationId, string targetType, string targetId,
        Dictionary<string, string>? details = null)
    {
        var auditEvent = new AuditEvent
        {
            Time = time.UtcNow(),
            Action = action,
            ActorPersonId = caller.PersonId,
            ActorApplicationId = caller.ApplicationId,
            ActorApplicationName = caller.ApplicationName,
            OrganizationId = organizationId,
            TargetType = targetType,
            TargetId = targetId,
            ClientAddress = caller.ClientAddress,
            Details = details ?? [],
        };
        transaction.Insert(auditEvent);
    }
}
