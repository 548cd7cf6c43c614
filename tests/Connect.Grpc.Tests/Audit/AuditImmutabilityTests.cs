using Connect.V1;
using Google.Protobuf.Reflection;

namespace Connect.Grpc.Tests.Audit;

/// <summary>Audit events cannot be edited or deleted through any API: no RPC of any Connect service takes one, or is named to change one.</summary>
public sealed class AuditImmutabilityTests
{
    private static IEnumerable<ServiceDescriptor> Services() =>
        typeof(AuditEvent).Assembly.GetTypes()
            .Where(t => t.Namespace == "Connect.V1" && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => (FileDescriptor)t.GetProperty("Descriptor")!.GetValue(null)!)
            .SelectMany(file => file.Services);

    /// <summary>True when the message, or any message in its fields (at any depth), is an audit event.</summary>
    private static bool Carries(MessageDescriptor message, MessageDescriptor wanted, HashSet<string> seen)
    {
        if (message.FullName == wanted.FullName) return true;
        if (!seen.Add(message.FullName)) return false;
        return message.Fields.InDeclarationOrder().Any(f => f.FieldType == FieldType.Message && Carries(f.MessageType, wanted, seen));
    }

    [Fact]
    public void NoRpcOfAnyService_TakesAnAuditEvent_OrIsNamedToChangeOne()
    {
        var services = Services().ToList();
        Assert.Contains(services, s => s.FullName == "connect.v1.AuditService");
        Assert.True(services.Count >= 10, $"{services.Count} services");
        var methods = services.SelectMany(s => s.Methods).ToList();

        Assert.All(methods, method => Assert.False(Carries(method.InputType, AuditEvent.Descriptor, []),
            $"{method.FullName} takes an audit event"));
        var auditCalls = methods.Where(m => m.Name.Contains("Audit", StringComparison.Ordinal)).Select(m => m.Name).Order().ToList();
        Assert.Equal(["ExportAuditEvents", "ListOrganizationAuditEvents", "SearchAuditEvents"], auditCalls);
        Assert.All(AuditService.Descriptor.Methods, m => Assert.Matches("^(Search|Export)", m.Name));
    }
}
