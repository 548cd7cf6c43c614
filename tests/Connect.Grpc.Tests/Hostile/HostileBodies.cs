using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Connect.Grpc.Tests.Hostile;

/// <summary>The kinds of hostile request body the fuzz test sends.</summary>
public enum BodyKind
{
    /// <summary>Random bytes, which may by chance be a valid message.</summary>
    Random,
    /// <summary>A valid message cut short, which may by chance end at a field boundary.</summary>
    Truncated,
    /// <summary>A field with a wire type protobuf does not have (6, 7), or an end-group without a start.</summary>
    WrongWireType,
    /// <summary>A string field holding bytes that are not UTF-8.</summary>
    InvalidUtf8,
    /// <summary>Groups nested deeper than protobuf's recursion limit.</summary>
    NestedGroups,
    /// <summary>A Timestamp or Duration field out of its range, with nanos out of range, or with mixed signs.</summary>
    TimeOutOfRange,
    /// <summary>A call to a service or method that does not exist, whose name the caller chose.</summary>
    UnknownMethod,
}

/// <summary>Hostile request bodies for one request type, from a seeded random source.</summary>
public static class HostileBodies
{
    private static readonly byte[] NotUtf8 = [0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80];

    public static IEnumerable<(BodyKind Kind, string Field, byte[] Body)> For(MessageDescriptor input, Random random)
    {
        for (var i = 0; i < 16; i++)
        {
            var bytes = new byte[random.Next(1, 200)];
            random.NextBytes(bytes);
            yield return (BodyKind.Random, "", bytes);
        }

        var sample = Filled(input, depth: 0).ToByteArray();
        for (var i = 0; i < 6 && sample.Length > 1; i++) yield return (BodyKind.Truncated, "", sample[..random.Next(1, sample.Length)]);

        var firstField = input.Fields.InFieldNumberOrder().FirstOrDefault()?.FieldNumber ?? 1;
        yield return (BodyKind.WrongWireType, "", [.. sample, .. Tag(firstField, 6), 1]);
        yield return (BodyKind.WrongWireType, "", [.. Tag(firstField, 7), 1, .. sample]);
        yield return (BodyKind.WrongWireType, "", [.. Tag(firstField, (int)WireFormat.WireType.EndGroup)]);

        foreach (var (path, field) in Fields(input, "", depth: 0).Where(f => f.Field.FieldType == FieldType.String))
        {
            yield return (BodyKind.InvalidUtf8, path, Wrapped(input, path, field, NotUtf8));
        }

        foreach (var depth in new[] { 101, 5000 })
        {
            var start = Tag(firstField, (int)WireFormat.WireType.StartGroup);
            var end = Tag(firstField, (int)WireFormat.WireType.EndGroup);
            yield return (BodyKind.NestedGroups, "", [.. Enumerable.Repeat(start, depth).SelectMany(b => b), .. Enumerable.Repeat(end, depth).SelectMany(b => b)]);
        }

        foreach (var (path, field) in Fields(input, "", depth: 0).Where(f => f.Field.FieldType == FieldType.Message))
        {
            var type = field.MessageType.FullName;
            var values = type == Timestamp.Descriptor.FullName
                ? BadTimestamps.Select(v => (IMessage)new Timestamp { Seconds = v.Seconds, Nanos = v.Nanos })
                : type == Duration.Descriptor.FullName
                    ? BadDurations.Select(v => (IMessage)new Duration { Seconds = v.Seconds, Nanos = v.Nanos })
                    : [];
            foreach (var value in values) yield return (BodyKind.TimeOutOfRange, path, WithValue(input, path, value));
        }
    }

    /// <summary>Outside 0001-01-01..9999-12-31, nanos outside 0..999,999,999.</summary>
    public static readonly (long Seconds, int Nanos)[] BadTimestamps =
    [
        (253_402_300_800, 0), (-62_135_596_801, 0), (long.MaxValue, 0), (long.MinValue, 0), (0, -1), (0, 1_000_000_000), (0, int.MinValue),
    ];

    /// <summary>Outside ±315,576,000,000 s, nanos outside ±999,999,999, seconds and nanos of different signs.</summary>
    public static readonly (long Seconds, int Nanos)[] BadDurations =
    [
        (315_576_000_001, 0), (-315_576_000_001, 0), (long.MaxValue, 0), (0, 1_000_000_000), (0, -1_000_000_000), (1, -1), (-1, 1), (0, int.MaxValue),
    ];

    private static byte[] Tag(int field, int wireType)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteUInt32((uint)(field << 3 | wireType));
        output.Flush();
        return stream.ToArray();
    }

    /// <summary>Singular fields down to three levels (the dotted path as the proto names them), skipping maps and repeated ones.</summary>
    private static IEnumerable<(string Path, FieldDescriptor Field)> Fields(MessageDescriptor message, string prefix, int depth)
    {
        if (depth > 3) yield break;
        foreach (var field in message.Fields.InFieldNumberOrder().Where(f => !f.IsRepeated && !f.IsMap))
        {
            var path = prefix + field.Name;
            yield return (path, field);
            if (field.FieldType == FieldType.Message && field.MessageType.File != Timestamp.Descriptor.File && field.MessageType.File != Duration.Descriptor.File)
            {
                foreach (var inner in Fields(field.MessageType, path + ".", depth + 1)) yield return inner;
            }
        }
    }

    /// <summary>A message whose field at <paramref name="path"/> is set (creating the messages on the way).</summary>
    private static byte[] WithValue(MessageDescriptor root, string path, object value)
    {
        var message = New(root);
        var current = message;
        var names = path.Split('.');
        foreach (var name in names[..^1])
        {
            var field = current.Descriptor.FindFieldByName(name);
            var child = New(field.MessageType);
            field.Accessor.SetValue(current, child);
            current = child;
        }
        current.Descriptor.FindFieldByName(names[^1]).Accessor.SetValue(current, value);
        return message.ToByteArray();
    }

    /// <summary>A string field at <paramref name="path"/> whose bytes are <paramref name="raw"/>, written by hand since the library would not.</summary>
    private static byte[] Wrapped(MessageDescriptor root, string path, FieldDescriptor leaf, byte[] raw)
    {
        var bytes = LengthDelimited(leaf.FieldNumber, raw);
        var names = path.Split('.');
        var parents = new List<FieldDescriptor>();
        var current = root;
        foreach (var name in names[..^1])
        {
            var field = current.FindFieldByName(name);
            parents.Add(field);
            current = field.MessageType;
        }
        for (var i = parents.Count - 1; i >= 0; i--) bytes = LengthDelimited(parents[i].FieldNumber, bytes);
        return bytes;
    }

    private static byte[] LengthDelimited(int field, byte[] payload)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(payload));
        output.Flush();
        return stream.ToArray();
    }

    private static IMessage New(MessageDescriptor descriptor) => (IMessage)Activator.CreateInstance(descriptor.ClrType)!;

    /// <summary>A message with every singular field set to a plain value, to be cut short.</summary>
    private static IMessage Filled(MessageDescriptor descriptor, int depth)
    {
        var message = New(descriptor);
        foreach (var field in descriptor.Fields.InFieldNumberOrder().Where(f => !f.IsRepeated && !f.IsMap))
        {
            object? value = field.FieldType switch
            {
                FieldType.String => "x@muster.test",
                FieldType.Bytes => ByteString.CopyFromUtf8("abc"),
                FieldType.Bool => true,
                FieldType.Enum => System.Enum.ToObject(field.EnumType.ClrType, 1),
                FieldType.Double => 1.5,
                FieldType.Float => 1.5f,
                FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => 7L,
                FieldType.UInt64 or FieldType.Fixed64 => 7UL,
                FieldType.UInt32 or FieldType.Fixed32 => 7U,
                FieldType.Message when depth < 3 => Filled(field.MessageType, depth + 1),
                FieldType.Message => null,
                _ => 7,
            };
            if (value is not null) field.Accessor.SetValue(message, value);
        }
        return message;
    }
}
