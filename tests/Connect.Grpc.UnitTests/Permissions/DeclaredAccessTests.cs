using Connect.Grpc.Domain;
using Connect.Grpc.Services;
using Connect.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Connect.Grpc.UnitTests.Permissions;

/// <summary>The declarations are read from the descriptors at start, and one missing or wrong stops the server.</summary>
public sealed class DeclaredAccessTests
{
    private static readonly MethodDescriptor WhoAmI = SessionService.Descriptor.FindMethodByName("WhoAmI");
    private static readonly MethodDescriptor ListMembers = MemberService.Descriptor.FindMethodByName("ListMembers");

    [Fact]
    public void EveryRpcOfEveryService_DeclaresItsAccess()
    {
        var services = DeclaredAccess.ConnectServices();
        Assert.Equal(11, services.Count);
        var declared = new DeclaredAccess(services);
        foreach (var method in services.SelectMany(s => s.Methods))
        {
            var (access, _) = declared.Of($"/{method.Service.FullName}/{method.Name}")!.Value;
            Assert.NotEqual(AccessCaller.Unspecified, access.Caller);
        }
    }

    [Fact]
    public void ForeignServices_DeclareNothing_AndAnUnknownConnectRpc_FailsClosed()
    {
        var declared = new DeclaredAccess();
        Assert.Null(declared.Of("/grpc.health.v1.Health/Check"));
        Assert.Null(declared.Of("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"));
        Assert.Throws<InvalidOperationException>(() => declared.Of("/connect.v1.SessionService/Forgotten"));
        Assert.Throws<InvalidOperationException>(() => declared.Of("/someone.Else/Call"));
    }

    [Fact]
    public void TheForwardedSessionField_IsTheRequestsSessionToken()
    {
        var (_, field) = new DeclaredAccess().Of("/connect.v1.SessionService/CheckAccess")!.Value;
        Assert.Equal("session_token", field!.Name);
        Assert.Equal("forwarded", field.Accessor.GetValue(new CheckAccessRequest { SessionToken = "forwarded" }));
    }

    [Fact]
    public void AMissingOrUnknownDeclaration_IsAProblem()
    {
        Assert.Equal(["declares no access"], DeclaredAccess.Problems(ListMembers, null));
        Assert.Single(DeclaredAccess.Problems(ListMembers, new Access()));
        Assert.Single(DeclaredAccess.Problems(ListMembers, new Access { Caller = (AccessCaller)99 }));
        Assert.Single(DeclaredAccess.Problems(ListMembers, new Access { Caller = AccessCaller.Administrator, Scopes = { "users.everything" } }));
        Assert.Single(DeclaredAccess.Problems(ListMembers, new Access { Caller = AccessCaller.Operator, Scopes = { "users.read" } }));
        Assert.Single(DeclaredAccess.Problems(ListMembers, new Access { Caller = AccessCaller.Administrator, Scopes = { "users.read", "users.write" } }));
        Assert.NotEmpty(DeclaredAccess.Problems(ListMembers, new Access { Caller = AccessCaller.Anonymous, SessionTokenField = "query" }));
        Assert.NotEmpty(DeclaredAccess.Problems(WhoAmI, new Access { Caller = AccessCaller.Session, Scopes = { "access.check" } }));
        Assert.NotEmpty(DeclaredAccess.Problems(WhoAmI, new Access { Caller = AccessCaller.Session, Scopes = { "access.check" }, SessionTokenField = "token" }));
        Assert.Empty(DeclaredAccess.Problems(WhoAmI, new Access { Caller = AccessCaller.Session, Scopes = { "access.check" }, SessionTokenField = "session_token" }));
    }

    [Fact]
    public void AServiceWithAnUndeclaredRpc_StopsTheServer()
    {
        // A service built here carries no options: it stands in for one whose RPC forgot its declaration.
        var bare = HealthLikeService();
        var failure = Assert.Throws<InvalidOperationException>(() => new DeclaredAccess([.. DeclaredAccess.ConnectServices(), bare]));
        Assert.Contains("declares no access", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyThePermissionCheck_MakesAnOperatorOrAnAdministrator()
    {
        foreach (var type in new[] { typeof(OperatorPrincipal), typeof(AdministratorPrincipal) })
        {
            Assert.All(type.GetConstructors(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic),
                constructor => Assert.True(constructor.IsPrivate, $"{type.Name} has a constructor that is not private"));
        }
    }

    private static ServiceDescriptor HealthLikeService()
    {
        var file = FileDescriptor.BuildFromByteStrings([
            new FileDescriptorProto
            {
                Name = "forgetful.proto", Package = "connect.v1",
                MessageType = { new DescriptorProto { Name = "Nothing" } },
                Service = { new ServiceDescriptorProto { Name = "Forgetful", Method = { new MethodDescriptorProto { Name = "Call", InputType = ".connect.v1.Nothing", OutputType = ".connect.v1.Nothing" } } } },
            }.ToByteString(),
        ]);
        return file.Single().Services.Single();
    }
}
