using Connect.V1;

namespace Connect.Benchmarks;

/// <summary>
/// <c>serve [--postgres] [--frames DIR]</c>: the benchmarks' server, left running for an outside load tool (h2load,
/// <c>bench/h2load.sh</c>), on LiteDB or as one replica over a private PostgreSQL cluster. Besides the registered
/// operator it holds the small member data set (<see cref="MemberData.SeedSmall"/>), so that every call of issue 16's
/// table has something to read. Each call is made once here and checked before anything is printed; then the
/// server prints <c>KEY=VALUE</c> lines and <c>READY=1</c> last.
/// </summary>
internal static class ServeCommand
{
    private const string Topic = "contributions";
    private const int PageSize = 50;

    public static async Task RunAsync(bool postgres, string? framesDirectory)
    {
        var settings = postgres ? await BenchmarkServer.PostgresSettingsAsync() : null;
        await using var server = await BenchmarkServer.StartAsync(existingDataDirectory: null, settings: settings);
        var me = await new SessionService.SessionServiceClient(server.Channel).WhoAmIAsync(new(), server.Bearer);
        var memberId = MemberData.SeedSmall(server.Store, me.OrganizationId, me.PersonId);

        var requests = new Requests(
            new GetSupportContactRequest(),
            new CheckAccessRequest { TopicId = Topic },
            new WhoAmIRequest(),
            new GetMemberRequest { MemberId = memberId },
            new ListMembersRequest { PageSize = PageSize },
            new StartSignInRequest { Email = BenchmarkServer.Email, Password = BenchmarkServer.Password });
        await CheckAsync(server, requests);

        Console.WriteLine($"ENGINE={(postgres ? "PostgreSql" : "LiteDb")}");
        Console.WriteLine($"ADDRESS=http://{server.Channel.Target}");
        Console.WriteLine($"TOKEN={server.SessionToken}");
        Console.WriteLine($"ORGANIZATION_ID={me.OrganizationId}");
        Console.WriteLine($"MEMBER_ID={memberId}");
        if (framesDirectory is not null)
        {
            WriteFrames(framesDirectory, requests);
            Console.WriteLine($"FRAMES={Path.GetFullPath(framesDirectory)}");
        }
        Console.WriteLine("READY=1");
        await server.Stopped;
    }

    private sealed record Requests(
        GetSupportContactRequest Support,
        CheckAccessRequest CheckAccess,
        WhoAmIRequest WhoAmI,
        GetMemberRequest GetMember,
        ListMembersRequest ListMembers,
        StartSignInRequest SignIn);

    /// <summary>What each row of the table must get, so that a load tool counting HTTP 200 counts real answers.</summary>
    private static async Task CheckAsync(BenchmarkServer server, Requests requests)
    {
        var bearer = server.Bearer;
        await new SupportService.SupportServiceClient(server.Channel).GetSupportContactAsync(requests.Support);
        var access = await new SessionService.SessionServiceClient(server.Channel).CheckAccessAsync(requests.CheckAccess, bearer);
        // The fund's own organisation grants no topics, so the answer is "not allowed": the same reads as a grant.
        if (string.IsNullOrEmpty(access.PersonId)) throw new InvalidOperationException("CheckAccess answered no person.");
        var members = new MemberService.MemberServiceClient(server.Channel);
        var member = (await members.GetMemberAsync(requests.GetMember, bearer)).Member;
        if (member.State != MemberState.Active) throw new InvalidOperationException("GetMember answered no active member.");
        var page = await members.ListMembersAsync(requests.ListMembers, bearer);
        if (page.Members.Count != PageSize) throw new InvalidOperationException($"ListMembers answered {page.Members.Count} rows, not {PageSize}.");
        var signIn = await new SignInService.SignInServiceClient(server.Channel).StartSignInAsync(requests.SignIn);
        if (signIn.Challenge is null) throw new InvalidOperationException("StartSignIn with the right password answered no challenge.");
    }

    private static void WriteFrames(string directory, Requests requests)
    {
        Directory.CreateDirectory(directory);
        GrpcFrames.Write(directory, SupportService.Descriptor, "GetSupportContact", requests.Support);
        GrpcFrames.Write(directory, SessionService.Descriptor, "CheckAccess", requests.CheckAccess);
        GrpcFrames.Write(directory, SessionService.Descriptor, "WhoAmI", requests.WhoAmI);
        GrpcFrames.Write(directory, MemberService.Descriptor, "GetMember", requests.GetMember);
        GrpcFrames.Write(directory, MemberService.Descriptor, "ListMembers", requests.ListMembers);
        GrpcFrames.Write(directory, SignInService.Descriptor, "StartSignIn", requests.SignIn);
    }
}
