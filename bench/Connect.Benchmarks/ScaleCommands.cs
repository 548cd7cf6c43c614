using Connect.V1;
using Grpc.Net.Client;

namespace Connect.Benchmarks;

/// <summary>
/// The two steps of <c>bench/scale.sh</c> that need the server's types, around a real server process it starts itself:
/// <c>member-data --size NAME --frames DIR</c> makes a fresh copy of a member data set (seeded first when not cached)
/// and writes the request frames of the rows; <c>sign-in ADDRESS DATA_DIRECTORY</c> signs the operator in at a server
/// running over that copy. Both print <c>KEY=VALUE</c> lines.
/// </summary>
internal static class ScaleCommands
{
    private const int PageSize = 50;

    public static async Task MemberDataAsync(string size, string framesDirectory)
    {
        var (directory, data) = await MemberData.CopyAsync(MemberDataSize.Named(size));
        Directory.CreateDirectory(framesDirectory);
        GrpcFrames.Write(framesDirectory, MemberService.Descriptor, "GetMember", new GetMemberRequest { MemberId = data.SampleMemberId });
        GrpcFrames.Write(framesDirectory, MemberService.Descriptor, "ListMembers", new ListMembersRequest { PageSize = PageSize });
        Console.WriteLine($"DATA_DIRECTORY={directory}");
        Console.WriteLine($"PERSONS={data.Persons}");
        Console.WriteLine($"LISTED_MEMBERS={data.ListedMembers}");
        Console.WriteLine($"OTHER_MEMBERSHIPS={data.OtherMemberships}");
        Console.WriteLine($"FRAMES={Path.GetFullPath(framesDirectory)}");
    }

    public static async Task SignInAsync(string address, string dataDirectory)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var token = await BenchmarkServer.SignInOperatorAsync(channel, dataDirectory);
        // A member page must be full, so that the 1 k and 1 M rows read as much.
        var page = await new MemberService.MemberServiceClient(channel).ListMembersAsync(new() { PageSize = PageSize },
            new global::Grpc.Core.Metadata { { "authorization", "Bearer " + token } });
        if (page.Members.Count != PageSize) throw new InvalidOperationException($"ListMembers answered {page.Members.Count} rows, not {PageSize}.");
        Console.WriteLine($"TOKEN={token}");
    }
}
