using System.Text;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// The one vocabulary for values the API shows as text, audit details included: error reasons as clients receive them
/// (<c>CODE_INVALID</c>) and states and kinds as the design names them (<c>pending_activation</c>), never C# enum names.
/// </summary>
internal static class WireNames
{
    private const string ReasonPrefix = "ERROR_REASON_";

    /// <summary>The proto value's name without its prefix, e.g. <c>ACCESS_CODE_INVALID</c>.</summary>
    public static string Of(ErrorReason reason) =>
        ErrorReasonReflection.Descriptor.EnumTypes[0].FindValueByNumber((int)reason)?.Name[ReasonPrefix.Length..] ?? ((int)reason).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>pending_phone</c>, <c>pending_activation</c>, <c>active</c>, <c>deactivated</c>.</summary>
    public static string Of(MembershipState state) => Snake(state.ToString());

    /// <summary><c>internal</c>, <c>partner</c>.</summary>
    public static string Of(ApplicationKind kind) => Snake(kind.ToString());

    /// <summary><c>sign_in_sms</c>, <c>password_reset</c>, <c>member_phone</c>, …</summary>
    public static string Of(ChallengePurpose purpose) => Snake(purpose.ToString());

    private static string Snake(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0) builder.Append('_');
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
