using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage.PostgreSql;

/// <summary>
/// An entity as the JSON document of its row: the same members LiteDB's mapper keeps (every property with a setter,
/// private ones included, so that states only a method may change come back), enums by name, dates in UTC.
/// </summary>
internal static class EntityJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(), new UtcDateTimeConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { StoredMembersOnly } },
    };

    public static string Serialize<T>(T entity) where T : Entity => JsonSerializer.Serialize(entity, Options);

    public static T Deserialize<T>(string json) where T : Entity =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"A stored {typeof(T).Name} is null.");

    /// <summary>Computed properties (no setter) stay out of the document; private setters are used on the way back.</summary>
    private static void StoredMembersOnly(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var property = info.Properties[i];
            if (property.AttributeProvider is not PropertyInfo member) continue;
            var setter = member.GetSetMethod(nonPublic: true);
            if (setter is null) info.Properties.RemoveAt(i);
            else if (!setter.IsPublic) property.Set = (target, value) => member.SetValue(target, value);
        }
    }

    /// <summary>Connect works in UTC only; a date without a kind is taken as UTC, as the LiteDB store does.</summary>
    private sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(ToUtc(value));
    }

    public static DateTime ToUtc(DateTime value) =>
        value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
}
