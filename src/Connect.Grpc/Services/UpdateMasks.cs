using Connect.Grpc.Domain;
using Google.Protobuf.WellKnownTypes;

namespace Connect.Grpc.Services;

/// <summary>AIP-134 update masks: the paths named (every field when none), each mapped to its flag, an unknown path refused.</summary>
internal static class UpdateMasks
{
    public static T Fields<T>(FieldMask? mask, IReadOnlyDictionary<string, T> fields, T all) where T : struct, System.Enum
    {
        if (mask is null || mask.Paths.Count == 0) return all;
        ulong chosen = 0;
        foreach (var path in mask.Paths)
        {
            chosen |= fields.TryGetValue(path, out var field)
                ? Convert.ToUInt64(field, System.Globalization.CultureInfo.InvariantCulture)
                : throw ConnectException.Field("update_mask", $"'{(path.Length > 64 ? path[..64] : path)}' is not a field that can be changed");
        }
        return (T)System.Enum.ToObject(typeof(T), chosen);
    }
}
