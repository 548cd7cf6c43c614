using System.Net.Mail;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>The input checks every flow shares; each limit lives here once.</summary>
internal static class Validate
{
    public const int MaxNameLength = 100;
    public const int MaxOrganizationNameLength = 200;
    public const int MaxEmailLength = 254;
    /// <summary>An operator's reason for a support action, kept in the audit log.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>A trimmed name of 1..<paramref name="max"/> characters without control characters.</summary>
    public static string Name(string field, string? value, int max = MaxNameLength)
    {
        var trimmed = (value ?? "").Trim();
        if (trimmed.Length == 0) throw ConnectException.Field(field, "must not be empty");
        if (trimmed.Length > max) throw ConnectException.Field(field, $"must be at most {max} characters");
        if (trimmed.Any(char.IsControl)) throw ConnectException.Field(field, "must not contain control characters");
        return trimmed;
    }

    /// <summary>A lower-cased, trimmed e-mail address of the form local@domain.tld.</summary>
    public static string Email(string field, string? value)
    {
        var trimmed = (value ?? "").Trim();
        if (trimmed.Length == 0) throw ConnectException.Field(field, "must not be empty");
        if (trimmed.Length > MaxEmailLength) throw ConnectException.Field(field, $"must be at most {MaxEmailLength} characters");
        if (trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            || !MailAddress.TryCreate(trimmed, out var address)
            || address.Address != trimmed
            || !address.Host.Contains('.')
            || address.Host.StartsWith('.') || address.Host.EndsWith('.'))
        {
            throw ConnectException.Field(field, "must be an e-mail address like name@example.ch");
        }
        return trimmed.ToLowerInvariant();
    }

    /// <summary>A token or id: non-empty and short, so that nothing oversized reaches a lookup.</summary>
    public static string Token(string field, string? value, ErrorReason notFound, int max = 128)
    {
        if (string.IsNullOrEmpty(value)) throw ConnectException.Field(field, "must not be empty");
        if (value.Length > max) throw new ConnectException(notFound, $"{field} is unknown");
        return value;
    }

    public const int MaxPageSize = 200;

    /// <summary>The page size asked for, 50 when 0; a size over <paramref name="max"/> is refused, never cut silently.</summary>
    public static int PageSize(int requested, int max = MaxPageSize)
    {
        if (requested < 0) throw ConnectException.Field("page_size", "must not be negative");
        if (requested > max) throw ConnectException.Field("page_size", $"must be at most {max}");
        return requested == 0 ? 50 : requested;
    }
}
