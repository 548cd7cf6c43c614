using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Connect.Admin.Tests.Infrastructure;

namespace Connect.Admin.Tests.Architecture;

/// <summary>
/// The console is a client like any other (docs/architecture.md): it reaches Connect only through Connect.Client's typed
/// clients, never through the server's code, its store, or raw generated stubs and channels. Its one database is its
/// data-protection key ring (docs/decisions/0031-console-key-ring.md). Read from the built dll.
/// </summary>
public sealed class ConsoleWallTests
{
    private static readonly (IReadOnlyList<string> Assemblies, IReadOnlyList<string> Types) Console = Read(BuiltApp.Find("Connect.Admin").Dll);

    [Fact]
    public void Console_ReferencesNoServerAssembly()
    {
        Assert.Contains("Connect.Client", Console.Assemblies);
        Assert.DoesNotContain(Console.Assemblies, name => name is "Connect.Grpc" or "LiteDB" || name.StartsWith("Grpc.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Console_HoldsADatabaseForItsKeyRingOnly()
    {
        // Exactly EF Core, its PostgreSQL provider and Microsoft's key store on top: no other data access.
        string[] keyRing = ["Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.Relational",
            "Npgsql.EntityFrameworkCore.PostgreSQL", "Microsoft.AspNetCore.DataProtection.EntityFrameworkCore"];
        var data = Console.Assemblies.Where(name => name.Contains("EntityFramework", StringComparison.Ordinal)
            || name.StartsWith("Npgsql", StringComparison.Ordinal) || name.StartsWith("System.Data", StringComparison.Ordinal))
            .Except(keyRing).ToList();
        Assert.True(data.Count == 0, "The console references data access beyond its key ring: " + string.Join(", ", data));
        Assert.Contains("Npgsql.EntityFrameworkCore.PostgreSQL", Console.Assemblies);
    }

    [Fact]
    public void Console_CallsThroughTheTypedClientsOnly()
    {
        var raw = Console.Types.Where(name =>
            name.EndsWith("ServiceClient", StringComparison.Ordinal) || name is "Grpc.Net.Client.GrpcChannel" or "Grpc.Core.CallInvoker").ToList();
        Assert.True(raw.Count == 0, "The console uses raw gRPC types: " + string.Join(", ", raw));
    }

    private static (IReadOnlyList<string>, IReadOnlyList<string>) Read(string dll)
    {
        using var pe = new PEReader(File.OpenRead(dll));
        var metadata = pe.GetMetadataReader();
        var assemblies = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
        var types = metadata.TypeReferences.Select(h => metadata.GetTypeReference(h))
            .Select(t => Join(metadata.GetString(t.Namespace), metadata.GetString(t.Name))).ToList();
        return (assemblies, types);
    }

    private static string Join(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
}
