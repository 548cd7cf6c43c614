namespace Connect.Grpc.Domain;

/// <summary>Server-wide settings kept in the store (the bootstrap marker, the key for keyed hashes).</summary>
public sealed class SystemSetting : Entity
{
    public string Value { get; set; } = "";
}
