using System.Linq.Expressions;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage.PostgreSql;

/// <summary>A key column: a value the store copies out of the entity on every write, so that a question is an index read.</summary>
internal sealed record PostgresColumn(string Name, Type Type, string Member, Func<Entity, object?> Value);

/// <summary>An index over key columns, in order; unique ones are the invariants two replicas cannot both break.</summary>
internal sealed record PostgresIndex(IReadOnlyList<string> Columns, bool Unique);

/// <summary>
/// One entity's table: the id, the entity as a JSON document, and its key columns, each with its index. The schema
/// (<see cref="PostgresSchemaContext"/>) and the statements (<see cref="PostgresTransaction"/>) are both made from these,
/// so a column cannot exist in one and not in the other.
/// </summary>
internal sealed class PostgresTable
{
    private readonly List<PostgresColumn> _keys = [];
    private readonly List<PostgresIndex> _indexes = [];

    public PostgresTable(Type entityType, string name)
    {
        EntityType = entityType;
        Name = name;
    }

    public Type EntityType { get; }
    public string Name { get; }
    public IReadOnlyList<PostgresColumn> Keys => _keys;
    public IReadOnlyList<PostgresIndex> Indexes => _indexes;

    public string SelectById => $"SELECT doc FROM {Name} WHERE id = $1";
    public string SelectByIds => $"SELECT doc FROM {Name} WHERE id = ANY($1)";
    public string SelectAfter => $"SELECT doc FROM {Name} WHERE id > $1 ORDER BY id LIMIT $2";
    public string Delete => $"DELETE FROM {Name} WHERE id = $1";

    public string Insert => $"INSERT INTO {Name} (id, doc{string.Concat(_keys.Select(k => ", " + k.Name))}) VALUES ($1, $2{string.Concat(_keys.Select((_, i) => $", ${i + 3}"))})";

    public string Update => $"UPDATE {Name} SET doc = $2{string.Concat(_keys.Select((k, i) => $", {k.Name} = ${i + 3}"))} WHERE id = $1";

    /// <summary>The key column a derived-key property is kept in.</summary>
    public PostgresColumn ColumnOf(string member) =>
        _keys.FirstOrDefault(k => k.Member == member) ?? throw new InvalidOperationException($"{Name} has no column for {member}.");

    public PostgresTable Index(params string[] columns)
    {
        _indexes.Add(new PostgresIndex(columns, Unique: false));
        return this;
    }

    public PostgresTable Unique(params string[] columns)
    {
        _indexes.Add(new PostgresIndex(columns, Unique: true));
        return this;
    }

    public void AddKey(PostgresColumn column) => _keys.Add(column);
}

internal static class PostgresTableExtensions
{
    /// <summary>A key column named after the property (<c>ListKey</c> → <c>list_key</c>), indexed on its own unless told.</summary>
    public static PostgresTable Key<T, TValue>(this PostgresTable table, Expression<Func<T, TValue>> member, bool index = true, bool unique = false)
        where T : Entity
    {
        var name = ((MemberExpression)member.Body).Member.Name;
        var read = member.Compile();
        var type = Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue);
        Func<Entity, object?> value = type.IsEnum
            ? entity => read((T)entity) is { } e ? Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture) : null
            : entity => read((T)entity);
        var column = PostgresTables.ColumnName(name);
        table.AddKey(new PostgresColumn(column, type.IsEnum ? typeof(int) : type, name, value));
        if (unique) table.Unique(column);
        else if (index) table.Index(column);
        return table;
    }
}
