using System.Reflection;
using Connect.Grpc.Domain;
using Connect.V1;

namespace Connect.Grpc.Security;

/// <summary>
/// NIST SP 800-63B style: 12 to 128 characters, no composition rules, and not on the shipped list of
/// the most common passwords (49,233 entries, compared without regard to case).
/// </summary>
internal sealed class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;
    private readonly HashSet<string> _common;

    public PasswordPolicy()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Connect.Grpc.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        _common = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#') _common.Add(line);
        }
    }

    public int CommonPasswordCount => _common.Count;

    /// <summary>
    /// A password typed to be compared with a stored hash: present, and at most four times the longest allowed
    /// (room for multi-byte characters) so that nobody makes the server hash megabytes. Returns it.
    /// </summary>
    public static string Typed(string field, string? password, ErrorReason tooLong = ErrorReason.FieldInvalid)
    {
        if (string.IsNullOrEmpty(password)) throw ConnectException.Field(field, "must not be empty");
        if (password.Length > 4 * MaxLength) throw ConnectException.Field(field, "is too long", tooLong);
        return password;
    }

    /// <summary>Throws a field violation on <paramref name="field"/> when the password is not acceptable.</summary>
    public void Check(string field, string? password)
    {
        var length = password is null ? 0 : password.EnumerateRunes().Count();
        if (length < MinLength)
            throw ConnectException.Field(field, $"must have at least {MinLength} characters", ErrorReason.PasswordTooShort);
        if (length > MaxLength)
            throw ConnectException.Field(field, $"must have at most {MaxLength} characters", ErrorReason.PasswordTooLong);
        if (_common.Contains(password!))
            throw ConnectException.Field(field, "is one of the most common passwords", ErrorReason.PasswordTooCommon);
    }
}
