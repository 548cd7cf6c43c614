using Connect.V1;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Localization;

/// <summary>Who acted, in the audit lists: a person's name, an application's name marked as such, or the system.</summary>
public static class AuditActorText
{
    public static string Of(AuditEvent auditEvent, IStringLocalizer localizer) =>
        auditEvent.ActorApplicationId.Length > 0 ? localizer["Audit.ApplicationActor", auditEvent.ActorName.Length > 0 ? auditEvent.ActorName : auditEvent.ActorApplicationId]
        : auditEvent.ActorName.Length > 0 ? auditEvent.ActorName
        : auditEvent.ActorPersonId.Length > 0 ? auditEvent.ActorPersonId
        : localizer["Audit.System"];
}
