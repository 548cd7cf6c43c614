using Connect.Grpc.Domain;
using Npgsql;

namespace Connect.Grpc.Storage.PostgreSql;

/// <summary>
/// What one write changed, as a PostgreSQL notification on <see cref="Channel"/>: the writing store's origin, then
/// <c>s:</c>id for each session and <c>m:</c>id for each membership, separated by spaces; <c>*</c> alone for a write
/// that changed more than fits (an organisation's suspension): the listeners then forget everything.
/// </summary>
internal static class PostgresChangeNotice
{
    public const string Channel = "connect_changes";

    /// <summary>Ids per notice before it becomes <c>*</c>; PostgreSQL takes payloads below 8,000 bytes.</summary>
    private const int MaxIds = 200;

    public static void Send(NpgsqlConnection connection, string origin, StoreChanges changes)
    {
        var ids = changes.SessionIds.Count + changes.MembershipIds.Count;
        var payload = ids > MaxIds
            ? origin + " *"
            : string.Join(' ', [origin, .. changes.SessionIds.Select(id => "s:" + id), .. changes.MembershipIds.Select(id => "m:" + id)]);
        using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection);
        notify.Parameters.Add(new NpgsqlParameter { Value = Channel });
        notify.Parameters.Add(new NpgsqlParameter { Value = payload });
        notify.ExecuteNonQuery();
    }

    /// <summary>The notice's origin and changes; null changes for <c>*</c>, or for a payload this version cannot read.</summary>
    public static (string Origin, StoreChanges? Changes) Read(string payload)
    {
        var parts = payload.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return ("", null);
        var changes = new StoreChanges();
        foreach (var part in parts.Skip(1))
        {
            if (part.StartsWith("s:", StringComparison.Ordinal)) changes.Changed<Session>(part[2..]);
            else if (part.StartsWith("m:", StringComparison.Ordinal)) changes.Changed<Membership>(part[2..]);
            else return (parts[0], null);
        }
        return (parts[0], changes);
    }
}
