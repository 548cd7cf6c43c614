namespace Connect.Grpc.Tests.Replicas;

/// <summary>The test classes that share one pair of replicas (none of them stops a replica), one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class ReplicaPairCollection : ICollectionFixture<ReplicaPair>
{
    public const string Name = "Replica pair";
}
