using System.Collections.Concurrent;
using System.Net;
using Connect.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Status = Grpc.Core.Status;

namespace Connect.Client.Tests;

/// <summary>
/// A tiny real gRPC server on loopback (Kestrel, HTTP/2 without TLS) that speaks three of Connect's methods the way a
/// struggling or a strict Connect would: it answers UNAVAILABLE to the first calls when asked to, counts every call,
/// remembers the authorization each carried, and issues or refuses application tokens.
/// </summary>
public sealed class TinyConnectServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TinyConnectServer(WebApplication app, TinyConnectState state)
    {
        _app = app;
        State = state;
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    }

    public Uri Address { get; }

    public TinyConnectState State { get; }

    public static async Task<TinyConnectServer> StartAsync(FakeTimeProvider time)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The test binaries carry the real server's appsettings.json (its Kestrel endpoints): this server has only its own.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var state = new TinyConnectState(time);
        builder.Services.AddSingleton(state);
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<TinyConnectService>();
        await app.StartAsync();
        return new TinyConnectServer(app, state);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>What the tiny server saw, and how it behaves.</summary>
public sealed class TinyConnectState(FakeTimeProvider time)
{
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private int _tokensIssued;

    /// <summary>How many calls of each method answer UNAVAILABLE before one is served.</summary>
    public int UnavailableFirst { get; set; }

    /// <summary>Set to refuse the token exchange with this reason (as Connect does, UNAUTHENTICATED).</summary>
    public string? RefuseTokensWith { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public int Calls(string method) => _calls.GetValueOrDefault(method);

    /// <summary>Counts the call and fails it with UNAVAILABLE while the method is still "starting".</summary>
    public void Arrive(string method, ServerCallContext context)
    {
        Authorizations.Enqueue(method + ": " + (context.RequestHeaders.GetValue("authorization") ?? "none"));
        if (_calls.AddOrUpdate(method, 1, (_, count) => count + 1) <= UnavailableFirst)
            throw new RpcException(new Status(StatusCode.Unavailable, "starting"));
    }

    public CreateApplicationTokenResponse IssueToken(CreateApplicationTokenRequest request)
    {
        if (RefuseTokensWith is { } reason)
            throw new Google.Rpc.Status
            {
                Code = (int)Code.Unauthenticated,
                Message = "The application's credentials are not valid.",
                Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = "connect" }) },
            }.ToRpcException();
        var number = Interlocked.Increment(ref _tokensIssued);
        return new CreateApplicationTokenResponse
        {
            AccessToken = $"cat.{request.ClientId}.{number}",
            ExpireTime = Timestamp.FromDateTimeOffset(time.GetUtcNow() + TokenLifetime),
            Scopes = { "access.check" },
        };
    }
}

/// <summary>
/// Bound by method name as Grpc.AspNetCore binds generated service bases (hence virtual methods on the binding type);
/// the client's messages serve as the contract.
/// </summary>
[BindServiceMethod(typeof(TinyConnectService), nameof(BindService))]
public class TinyConnectService(TinyConnectState state)
{
    public static void BindService(ServiceBinderBase binder, TinyConnectService? service)
    {
        binder.AddMethod(Unary<WhoAmIRequest, WhoAmIResponse>(SessionService.Descriptor.FullName, nameof(WhoAmI), WhoAmIRequest.Parser),
            service is null ? null : service.WhoAmI);
        binder.AddMethod(Unary<CreateMemberRequest, CreateMemberResponse>(MemberService.Descriptor.FullName, nameof(CreateMember), CreateMemberRequest.Parser),
            service is null ? null : service.CreateMember);
        binder.AddMethod(Unary<CreateApplicationTokenRequest, CreateApplicationTokenResponse>(
                ApplicationService.Descriptor.FullName, nameof(CreateApplicationToken), CreateApplicationTokenRequest.Parser),
            service is null ? null : service.CreateApplicationToken);
    }

    public virtual Task<WhoAmIResponse> WhoAmI(WhoAmIRequest request, ServerCallContext context)
    {
        state.Arrive(nameof(WhoAmI), context);
        return Task.FromResult(new WhoAmIResponse { PersonId = "person-1", Email = "anna@example.ch" });
    }

    public virtual Task<CreateMemberResponse> CreateMember(CreateMemberRequest request, ServerCallContext context)
    {
        state.Arrive(nameof(CreateMember), context);
        return Task.FromResult(new CreateMemberResponse { Member = new Member { Id = "member-1", Email = request.Email } });
    }

    public virtual Task<CreateApplicationTokenResponse> CreateApplicationToken(CreateApplicationTokenRequest request, ServerCallContext context)
    {
        state.Arrive(nameof(CreateApplicationToken), context);
        return Task.FromResult(state.IssueToken(request));
    }

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string service, string name, MessageParser<TRequest> parser)
        where TRequest : class, IMessage<TRequest> where TResponse : class, IMessage<TResponse>, new() =>
        new(MethodType.Unary, service, name,
            Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom),
            Marshallers.Create(message => message.ToByteArray(), bytes => { var response = new TResponse(); response.MergeFrom(bytes); return response; }));
}
