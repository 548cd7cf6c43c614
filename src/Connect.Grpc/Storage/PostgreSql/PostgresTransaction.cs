using System.Collections.Concurrent;
using System.Linq.Expressions;
using Connect.Grpc.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Connect.Grpc.Storage.PostgreSql;

/// <summary>
/// One read or write of <see cref="PostgresStore"/> on one connection (inside its transaction when writing): each
/// question of the port is one statement over an index of <see cref="PostgresTables"/>, with its values as parameters.
/// A write's inserts wait in <paramref name="deferred"/> and travel with its next statement, or with the commit
/// (<see cref="Flush"/>): an insert answers nothing the write needs, and a round trip per insert was most of a write's time.
/// </summary>
/// <param name="connection">The store's connection, inside the write's transaction when writing.</param>
/// <param name="deferred">A write's inserts not yet sent, shared by every write of one transaction; null in a read.</param>
internal sealed partial class PostgresTransaction(NpgsqlConnection connection, List<NpgsqlBatchCommand>? deferred = null) : KeyListReader, IStoreWriter
{
    /// <summary>What this write changed, for the store to tell its listener once the write has committed.</summary>
    internal StoreChanges Changes { get; } = new();

    /// <summary>The range statements of each key column, made once per process.</summary>
    private static readonly ConcurrentDictionary<(string Table, string Column, bool Descending, bool KeysOnly), string> RangeStatements = new();

    public override T? Get<T>(string id) where T : class => One<T>(PostgresTables.Of<T>().SelectById, id);

    public IReadOnlyList<T> GetMany<T>(IReadOnlyCollection<string> ids) where T : Entity =>
        ids.Count == 0 ? [] : Many<T>(PostgresTables.Of<T>().SelectByIds, (object)ids.Distinct(StringComparer.Ordinal).ToArray());

    public IReadOnlyList<T> Scan<T>(string? afterId, int limit) where T : Entity => Many<T>(PostgresTables.Of<T>().SelectAfter, afterId ?? "", limit);

    public void Insert<T>(T entity) where T : Entity
    {
        DerivedKeys.Refresh(this, entity);
        Defer(PostgresTables.Of<T>().Insert, Row(entity));
        Changes.Inserted(entity);
        if (entity is Person person) WriteNameWords(person, replace: false);
    }

    public void Update<T>(T entity) where T : Entity
    {
        Changes.Updated(entity);
        var rekeyMemberships = DerivedKeys.RekeysMemberships(this, entity);
        DerivedKeys.Refresh(this, entity);
        if (Execute(PostgresTables.Of<T>().Update, Row(entity)) == 0) throw DerivedKeys.Missing<T>(entity.Id);
        if (entity is Person person) WriteNameWords(person, replace: true);
        if (rekeyMemberships)
        {
            foreach (var membership in MembershipsOfPerson(entity.Id)) Update(membership);
        }
    }

    public void Delete<T>(string id) where T : Entity
    {
        Changes.Deleting<T>(id, this);
        if (typeof(T) == typeof(Person)) Execute($"DELETE FROM {PostgresTables.NameWords} WHERE person_id = $1", id);
        if (Execute(PostgresTables.Of<T>().Delete, id) == 0) throw DerivedKeys.Missing<T>(id);
    }

    public override IReadOnlyList<T> KeyRange<T>(Expression<Func<T, string?>> key, string after, string until, int limit, bool descending) =>
        Many<T>(RangeStatement<T>(key, descending, keysOnly: false), after, until, limit);

    public override IReadOnlyList<string> Keys<T>(Expression<Func<T, string?>> key, string after, string until, int limit, bool descending)
    {
        using var command = Batch(RangeStatement<T>(key, descending, keysOnly: true), after, until, limit);
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read()) keys.Add(reader.GetString(0));
        return keys;
    }

    /// <summary>Strictly after the first bound, up to and with the second, in key order (both the other way round when descending).</summary>
    private static string RangeStatement<T>(Expression<Func<T, string?>> key, bool descending, bool keysOnly) where T : Entity
    {
        var table = PostgresTables.Of<T>();
        var column = table.ColumnOf(((MemberExpression)key.Body).Member.Name).Name;
        return RangeStatements.GetOrAdd((table.Name, column, descending, keysOnly), k =>
            $"SELECT {(k.KeysOnly ? k.Column : "doc")} FROM {k.Table} WHERE {k.Column} {(k.Descending ? "<" : ">")} $1 AND {k.Column} {(k.Descending ? ">=" : "<=")} $2 "
            + $"ORDER BY {k.Column}{(k.Descending ? " DESC" : "")} LIMIT $3");
    }

    /// <summary>The person's name words, one row each: written with the person, replaced on every update.</summary>
    private void WriteNameWords(Person person, bool replace)
    {
        if (replace) Execute($"DELETE FROM {PostgresTables.NameWords} WHERE person_id = $1", person.Id);
        if (person.NameWords.Count > 0)
        {
            Defer($"INSERT INTO {PostgresTables.NameWords} (word, person_id) SELECT DISTINCT unnest($1::text[]), $2 ON CONFLICT DO NOTHING",
                person.NameWords.ToArray(), person.Id);
        }
    }

    /// <summary>The parameters of an insert or update: id, document, then the key columns in table order.</summary>
    private static object?[] Row<T>(T entity) where T : Entity
    {
        var keys = PostgresTables.Of<T>().Keys;
        var values = new object?[keys.Count + 2];
        values[0] = entity.Id;
        values[1] = new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = EntityJson.Serialize(entity) };
        for (var i = 0; i < keys.Count; i++) values[i + 2] = keys[i].Value(entity);
        return values;
    }

    private T? One<T>(string sql, params object?[] values) where T : Entity
    {
        using var batch = Batch(sql, values);
        using var reader = batch.ExecuteReader();
        return reader.Read() ? EntityJson.Deserialize<T>(reader.GetString(0)) : null;
    }

    /// <summary>The first row of a join: an entity and, when the outer join found one, the entity joined to it.</summary>
    private (T? First, TJoined? Joined) Pair<T, TJoined>(string sql, params object?[] values) where T : Entity where TJoined : Entity
    {
        using var batch = Batch(sql, values);
        using var reader = batch.ExecuteReader();
        if (!reader.Read()) return (null, null);
        return (EntityJson.Deserialize<T>(reader.GetString(0)), reader.IsDBNull(1) ? null : EntityJson.Deserialize<TJoined>(reader.GetString(1)));
    }

    private List<T> Many<T>(string sql, params object?[] values) where T : Entity
    {
        using var batch = Batch(sql, values);
        using var reader = batch.ExecuteReader();
        var entities = new List<T>();
        while (reader.Read()) entities.Add(EntityJson.Deserialize<T>(reader.GetString(0)));
        return entities;
    }

    private int Count(string sql, params object?[] values)
    {
        using var batch = Batch(sql, values);
        using var reader = batch.ExecuteReader();
        reader.Read();
        return Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a statement now (with the inserts waiting before it); the rows it changed.</summary>
    private int Execute(string sql, params object?[] values)
    {
        using var batch = Batch(sql, values);
        batch.ExecuteNonQuery();
        return batch.BatchCommands[^1].RecordsAffected;
    }

    /// <summary>Keeps a statement whose answer nobody reads for the next round trip; runs it now in a read.</summary>
    private void Defer(string sql, params object?[] values)
    {
        if (deferred is null) Execute(sql, values);
        else deferred.Add(Statement(sql, values));
    }

    /// <summary>
    /// Sends the inserts waiting, with <paramref name="last"/> after them (a notice to the other replicas), before the
    /// commit: their errors (a unique key taken) surface before the write is acknowledged.
    /// </summary>
    internal void Flush(NpgsqlBatchCommand? last = null)
    {
        if (last is not null) deferred?.Add(last);
        if (deferred is null || deferred.Count == 0) return;
        using var batch = new NpgsqlBatch(connection);
        foreach (var statement in deferred) batch.BatchCommands.Add(statement);
        deferred.Clear();
        batch.ExecuteNonQuery();
    }

    /// <summary>The statement, after the inserts waiting (which leave the queue with it): one round trip.</summary>
    private NpgsqlBatch Batch(string sql, params object?[] values)
    {
        var batch = new NpgsqlBatch(connection);
        if (deferred is not null)
        {
            foreach (var statement in deferred) batch.BatchCommands.Add(statement);
            deferred.Clear();
        }
        batch.BatchCommands.Add(Statement(sql, values));
        return batch;
    }

    private static NpgsqlBatchCommand Statement(string sql, params object?[] values)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            statement.Parameters.Add(value switch
            {
                NpgsqlParameter parameter => parameter,
                DateTime time => new NpgsqlParameter { Value = EntityJson.ToUtc(time) },
                null => new NpgsqlParameter { Value = DBNull.Value },
                _ => new NpgsqlParameter { Value = value },
            });
        }
        return statement;
    }
}
