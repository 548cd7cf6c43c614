using Connect.Grpc.Domain;
using Connect.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Connect.Grpc.Services;

/// <summary>
/// The <c>(connect.v1.access)</c> option of every RPC, read once from the generated descriptors. A Connect RPC
/// without a valid declaration stops the server at start: no RPC can be added and forgotten.
/// </summary>
internal sealed class DeclaredAccess
{
    /// <summary>Services mapped beside Connect's that carry none of its data, so declare nothing: health and reflection.</summary>
    private static readonly HashSet<string> ForeignServices =
        ["grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection", "grpc.reflection.v1.ServerReflection"];

    private readonly Dictionary<string, (Access Access, FieldDescriptor? SessionTokenField)> _byPath = new(StringComparer.Ordinal);

    public DeclaredAccess() : this(ConnectServices())
    {
    }

    public DeclaredAccess(IEnumerable<ServiceDescriptor> services)
    {
        var problems = new List<string>();
        foreach (var method in services.SelectMany(s => s.Methods))
        {
            var access = AccessOf(method);
            var found = Problems(method, access).ToList();
            problems.AddRange(found.Select(p => $"{method.FullName}: {p}"));
            if (found.Count == 0)
                _byPath[Path(method)] = (access!, access!.SessionTokenField.Length == 0 ? null : method.InputType.FindFieldByName(access.SessionTokenField));
        }
        if (problems.Count > 0)
            throw new InvalidOperationException("Every Connect RPC must declare who may call it, option (connect.v1.access):\n" + string.Join("\n", problems));
    }

    /// <summary>Every service of the <c>connect.v1</c> package generated into this assembly.</summary>
    public static IReadOnlyList<ServiceDescriptor> ConnectServices() =>
        typeof(AccessReflection).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(AccessReflection).Namespace && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor")?.GetValue(null))
            .OfType<FileDescriptor>()
            .Where(f => f.Package == "connect.v1")
            .SelectMany(f => f.Services)
            .ToList();

    /// <summary>What is wrong with a method's declaration; nothing when it is valid.</summary>
    public static IEnumerable<string> Problems(MethodDescriptor method, Access? access)
    {
        if (access is null)
        {
            yield return "declares no access";
            yield break;
        }
        if (access.Caller == AccessCaller.Unspecified || !Enum.IsDefined(access.Caller))
        {
            yield return $"declares an unknown caller {access.Caller}";
            yield break;
        }
        var known = ApplicationScopes.AllowedFor(Domain.ApplicationKind.Internal).Concat(ApplicationScopes.AllowedFor(Domain.ApplicationKind.Partner));
        foreach (var scope in access.Scopes.Where(s => !known.Contains(s))) yield return $"names an unknown scope '{scope}'";
        var scoped = access.Caller is AccessCaller.Administrator or AccessCaller.Session;
        if (access.Scopes.Count > (scoped ? 1 : 0)) yield return $"{access.Caller} takes {(scoped ? "at most one scope" : "no scopes")}";
        if (access.Caller == AccessCaller.Session && access.Scopes.Count > 0 != access.SessionTokenField.Length > 0)
            yield return "a session's scope and session_token_field go together";
        if (access.SessionTokenField.Length > 0)
        {
            if (access.Caller != AccessCaller.Session) yield return "only ACCESS_CALLER_SESSION takes a session_token_field";
            var field = method.InputType.FindFieldByName(access.SessionTokenField);
            if (field is null || field.FieldType != FieldType.String || field.IsRepeated || method.IsClientStreaming)
                yield return $"session_token_field '{access.SessionTokenField}' is not a string field of {method.InputType.Name}";
        }
    }

    /// <summary>
    /// The declared access of the call at <paramref name="path"/> (<c>/connect.v1.Service/Method</c>), with the request
    /// field that forwards a session; null for a foreign service; an unknown one fails closed.
    /// </summary>
    public (Access Access, FieldDescriptor? SessionTokenField)? Of(string path)
    {
        if (_byPath.TryGetValue(path, out var declared)) return declared;
        var service = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return ForeignServices.Contains(service) ? null : throw new InvalidOperationException($"{path} declares no access.");
    }

    /// <summary>
    /// The method's option, parsed from its bytes: where two assemblies generated the same protos (a test process holds
    /// the server and the client), the parsed options may hold the other assembly's <see cref="Access"/>.
    /// </summary>
    public static Access? AccessOf(MethodDescriptor method) =>
        method.GetOptions() is { } options ? OptionsParser.ParseFrom(options.ToByteString()).GetExtension(AccessExtensions.Access) : null;

    private static readonly MessageParser<MethodOptions> OptionsParser = MethodOptions.Parser.WithExtensionRegistry([AccessExtensions.Access]);

    private static string Path(MethodDescriptor method) => $"/{method.Service.FullName}/{method.Name}";
}
