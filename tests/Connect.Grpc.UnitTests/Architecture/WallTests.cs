using System.Reflection;
using Connect.Grpc.Domain;
using NetArchTest.Rules;

namespace Connect.Grpc.UnitTests.Architecture;

/// <summary>
/// The walls of docs/architecture.md, read from the compiled server: a change that breaks one fails here with the
/// types that cross it, whatever the code review missed.
/// </summary>
public sealed class WallTests
{
    private static readonly Assembly Server = typeof(Entity).Assembly;

    [Fact]
    public void Domain_ReferencesNoTransportStorageOrTelemetryType()
    {
        AssertNone(Types.InAssembly(Server).That().ResideInNamespace("Connect.Grpc.Domain")
            .ShouldNot().HaveDependencyOnAny(
                "Grpc", "Google.Protobuf", "LiteDB", "Npgsql", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "OpenTelemetry", "System.Diagnostics.Metrics",
                "Connect.Grpc.Services", "Connect.Grpc.Rest", "Connect.Grpc.Storage", "Connect.Grpc.Telemetry", "Connect.Grpc.Hosting")
            .GetResult());
    }

    /// <summary>The wire types are the edge's business; the rules speak only the stable error reasons of the contract.</summary>
    [Fact]
    public void Domain_UsesNoWireTypeButTheErrorReasons()
    {
        var wireTypes = Server.GetTypes()
            .Where(type => type.Namespace == "Connect.V1" && type != typeof(V1.ErrorReason) && !type.IsNested)
            .Select(type => type.FullName!)
            .ToArray();
        AssertNone(Types.InAssembly(Server).That().ResideInNamespace("Connect.Grpc.Domain")
            .ShouldNot().HaveDependencyOnAny(wireTypes)
            .GetResult());
    }

    /// <summary>Services translate and delegate: a service that reads the store holds a rule that belongs to Domain.</summary>
    [Fact]
    public void Services_NeitherReadNorWriteTheStore()
    {
        AssertNone(Types.InAssembly(Server).That().ResideInNamespace("Connect.Grpc.Services")
            .ShouldNot().HaveDependencyOnAny(
                "LiteDB", "Npgsql", "Microsoft.EntityFrameworkCore", "Connect.Grpc.Storage", typeof(IStore).FullName!, typeof(IStoreReader).FullName!, typeof(IStoreWriter).FullName!)
            .GetResult());
    }

    /// <summary>Storage keeps data; it never answers a call or decides a rule's outcome for the transport.</summary>
    [Fact]
    public void Storage_KnowsNothingOfTheTransport()
    {
        AssertNone(Types.InAssembly(Server).That().ResideInNamespace("Connect.Grpc.Storage")
            .ShouldNot().HaveDependencyOnAny("Grpc", "Microsoft.AspNetCore", "Connect.Grpc.Services", "Connect.Grpc.Rest")
            .GetResult());
    }

    /// <summary>The test itself must see a crossing: a wall test that passes on everything proves nothing.</summary>
    [Fact]
    public void WallTest_SeesACrossingWhereThereIsOne()
    {
        var result = Types.InAssembly(Server).That().ResideInNamespace("Connect.Grpc.Services")
            .ShouldNot().HaveDependencyOnAny("Grpc.Core")
            .GetResult();
        Assert.False(result.IsSuccessful);
    }

    private static void AssertNone(TestResult result)
    {
        var crossings = (result.FailingTypes ?? []).Select(type => type.FullName).Order().ToList();
        Assert.True(crossings.Count == 0, "Types crossing a wall: " + string.Join(", ", crossings));
    }
}
