using System.Collections.Concurrent;
using System.Linq.Expressions;
using LiteDB;

namespace Connect.Grpc.Storage;

/// <summary>
/// LiteDB expressions parsed once per thread and reused with new parameter values. <c>BsonExpression.Create</c>
/// tokenises and parses its text on every call (only the compiled delegate is cached), and <c>FindById</c> does the
/// same; a parsed expression keeps its values in one parameter document that every part of it shares, so setting
/// them is all a repeated query needs. One set per thread, because a query reads those values while it runs; a
/// transaction's queries run to the end (their results are lists) before the next one starts.
/// Public for the benchmark that weighs it (bench/Connect.Benchmarks/LookupExpressionBenchmarks.cs).
/// </summary>
public static class ParsedExpressions
{
    /// <summary>The parameter names of @0 to @3, the most a lookup has, without a string per call.</summary>
    private static readonly string[] Names = ["0", "1", "2", "3"];

    /// <summary>The field a member of an entity is stored as (<c>$.ListKey</c>), by type and member name.</summary>
    private static readonly ConcurrentDictionary<(Type, string), string> Fields = new();

    [ThreadStatic] private static Dictionary<string, BsonExpression>? _parsed;

    /// <summary>The expression of <paramref name="text"/> (values as @0, @1…) with <paramref name="values"/> set.</summary>
    public static BsonExpression Of(string text, params ReadOnlySpan<BsonValue> values)
    {
        var parsed = _parsed ??= new Dictionary<string, BsonExpression>(StringComparer.Ordinal);
        if (!parsed.TryGetValue(text, out var expression))
        {
            expression = BsonExpression.Create(text, values.ToArray());
            parsed.Add(text, expression);
            return expression;
        }
        for (var i = 0; i < values.Length; i++)
            expression.Parameters[i < Names.Length ? Names[i] : i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = values[i];
        return expression;
    }

    /// <summary>The stored field of a member access such as <c>m =&gt; m.ListKey</c>, translated once per member.</summary>
    internal static string Field<T, TValue>(BsonMapper mapper, Expression<Func<T, TValue>> member) =>
        Fields.GetOrAdd((typeof(T), MemberName(member.Body)), _ => mapper.GetExpression(member).Source);

    private static string MemberName(System.Linq.Expressions.Expression body) => body switch
    {
        MemberExpression access => access.Member.Name,
        UnaryExpression { NodeType: ExpressionType.Convert } convert => MemberName(convert.Operand),
        _ => throw new ArgumentException($"Not a member access: {body}.", nameof(body)),
    };
}
