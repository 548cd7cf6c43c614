using System.Collections.Frozen;
using System.Text;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// The one vocabulary for values the API shows as text, audit details included: error reasons as clients receive them
/// (<c>CODE_INVALID</c>) and states and kinds as the design names them (<c>pending_activation</c>), never C# enum names.
/// </summary>
internal static class WireNames
{
    /// <summary>
    /// protoc names <c>ERROR_REASON_ACCESS_CODE_INVALID</c> <c>AccessCodeInvalid</c> in C#; the way back is computed once here,
    /// so that Domain needs no protobuf reflection (a test holds it equal to the descriptor's names).
    /// </summary>
    private static readonly FrozenDictionary<ErrorReason, string> ReasonNames =
        Enum.GetValues<ErrorReason>().ToFrozenDictionary(reason => reason, reason => Snake(reason.ToString()).ToUpperInvariant());

    /// <summary>The proto value's name without its prefix, e.g. <c>ACCESS_CODE_INVALID</c>.</summary>
    public static string Of(ErrorReason reason) =>
        ReasonNames.TryGetValue(reason, out var name) ? name : ((int)reason).ToString(System.Globalization.CultureInfo.InvariantCulture);

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
