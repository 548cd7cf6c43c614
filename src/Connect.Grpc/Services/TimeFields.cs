using System.Collections.Concurrent;
using Connect.Grpc.Domain;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Connect.Grpc.Services;

/// <summary>
/// Every <c>google.protobuf.Timestamp</c> and <c>Duration</c> of a request, at any depth, checked once before a service
/// sees it: a value out of range, with nanos out of range or (a Duration) with seconds and nanos of different signs is
/// the caller's error (<c>FIELD_INVALID</c> naming the field), never an exception in <c>ToDateTime</c> or
/// <c>ToTimeSpan</c> that would answer <c>INTERNAL</c>. After this, both conversions are safe everywhere.
/// </summary>
internal static class TimeFields
{
    /// <summary>0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, protobuf's documented range.</summary>
    private const long MinTimestampSeconds = -62_135_596_800;
    private const long MaxTimestampSeconds = 253_402_300_799;
    /// <summary>About ±10,000 years, protobuf's documented range.</summary>
    private const long MaxDurationSeconds = 315_576_000_000;
    private const int MaxNanos = 999_999_999;

    private static readonly ConcurrentDictionary<MessageDescriptor, bool> HoldsTime = new();

    public static void Check(object request)
    {
        if (request is IMessage message && Holds(message.Descriptor)) Check(message, "");
    }

    private static void Check(IMessage message, string prefix)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType != FieldType.Message || field.IsMap || !Holds(field.MessageType)) continue;
            var path = prefix + field.Name;
            if (field.IsRepeated)
            {
                var index = 0;
                foreach (var item in (System.Collections.IEnumerable)field.Accessor.GetValue(message)) CheckValue((IMessage)item, $"{path}[{index++}]");
            }
            else if (field.Accessor.GetValue(message) is IMessage value)
            {
                CheckValue(value, path);
            }
        }
    }

    private static void CheckValue(IMessage value, string path)
    {
        switch (value)
        {
            case Timestamp timestamp when timestamp.Seconds is < MinTimestampSeconds or > MaxTimestampSeconds:
                throw ConnectException.Field(path, "must be a time between 0001-01-01 and 9999-12-31");
            case Timestamp timestamp when timestamp.Nanos is < 0 or > MaxNanos:
                throw ConnectException.Field(path, "must have nanos between 0 and 999,999,999");
            case Duration duration when duration.Seconds is < -MaxDurationSeconds or > MaxDurationSeconds:
                throw ConnectException.Field(path, "must be a duration within ±315,576,000,000 seconds");
            case Duration duration when duration.Nanos is < -MaxNanos or > MaxNanos:
                throw ConnectException.Field(path, "must have nanos between -999,999,999 and 999,999,999");
            case Duration duration when (duration.Seconds < 0 && duration.Nanos > 0) || (duration.Seconds > 0 && duration.Nanos < 0):
                throw ConnectException.Field(path, "must have seconds and nanos of the same sign");
            case Timestamp or Duration:
                return;
            default:
                Check(value, path + ".");
                return;
        }
    }

    /// <summary>Whether a message can hold a Timestamp or Duration anywhere: most requests cannot, and skip the walk.</summary>
    private static bool Holds(MessageDescriptor descriptor) => HoldsTime.GetOrAdd(descriptor, static root =>
    {
        // Every message type reachable through message fields (maps are not walked, as in Check); safe for recursive types.
        var seen = new HashSet<MessageDescriptor> { root };
        var pending = new Queue<MessageDescriptor>([root]);
        while (pending.TryDequeue(out var descriptor))
        {
            if (IsTime(descriptor)) return true;
            foreach (var field in descriptor.Fields.InFieldNumberOrder())
            {
                if (field.FieldType == FieldType.Message && !field.IsMap && seen.Add(field.MessageType)) pending.Enqueue(field.MessageType);
            }
        }
        return false;
    });

    private static bool IsTime(MessageDescriptor descriptor) =>
        descriptor.FullName == Timestamp.Descriptor.FullName || descriptor.FullName == Duration.Descriptor.FullName;
}
