using Connect.Grpc.Domain;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>Ids sort by creation: the audit log's "newest first" and every keyset page rely on it.</summary>
public sealed class IdsTests
{
    [Fact]
    public void Ids_StrictlyIncrease_EvenWithinOneMillisecond_AndAcrossThreads()
    {
        var sequential = Enumerable.Range(0, 20_000).Select(_ => Ids.New()).ToList();
        Assert.All(sequential, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(sequential, sequential.Order(StringComparer.Ordinal));
        Assert.Equal(sequential.Count, sequential.Distinct().Count());

        var concurrent = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 5_000; i++) concurrent.Add(Ids.New());
        });
        Assert.Equal(concurrent.Count, concurrent.Distinct().Count());
        Assert.True(string.CompareOrdinal(concurrent.Min(StringComparer.Ordinal), sequential[^1]) > 0);
    }

    [Fact]
    public void Ids_AreVersion7Guids_OrderedByTime()
    {
        var id = Ids.New();
        Assert.Equal('7', id[12]);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Thread.Sleep(5);
        var later = Ids.New();
        Assert.True(Convert.ToInt64(later[..12], 16) >= before);
        Assert.True(string.CompareOrdinal(later, id) > 0);
    }
}
