using Connect.V1;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace Connect.Grpc.Domain;

/// <summary>Reads mobile numbers with libphonenumber and keeps them as E.164.</summary>
internal sealed class MobileNumbers(IOptions<PhoneOptions> options)
{
    private const int MaxInputLength = 32;
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The E.164 form of a valid mobile number of an allowed country, or a field violation.</summary>
    public string Parse(string field, string? typed)
    {
        var text = (typed ?? "").Trim();
        if (text.Length == 0) throw ConnectException.Field(field, "must not be empty", ErrorReason.PhoneNumberInvalid);
        if (text.Length > MaxInputLength) throw ConnectException.Field(field, $"must be at most {MaxInputLength} characters", ErrorReason.PhoneNumberInvalid);
        PhoneNumber number;
        try
        {
            number = Util.Parse(text, options.Value.DefaultRegion);
        }
        catch (NumberParseException)
        {
            throw ConnectException.Field(field, "is not a phone number", ErrorReason.PhoneNumberInvalid);
        }
        var type = Util.GetNumberType(number);
        if (!Util.IsValidNumber(number) || type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
            throw ConnectException.Field(field, "is not a valid mobile number", ErrorReason.PhoneNumberInvalid);
        var region = Util.GetRegionCodeForNumber(number);
        if (!options.Value.EffectiveAllowedCountries.Contains(region, StringComparer.OrdinalIgnoreCase))
            throw ConnectException.Field(field, $"numbers of {region} are not allowed", ErrorReason.PhoneCountryNotAllowed);
        return Util.Format(number, PhoneNumberFormat.E164);
    }

    /// <summary>All but the last two digits hidden, one bullet per other character: <c>+41791234567</c> becomes <c>•••••••••67</c>.</summary>
    public static string Mask(string? e164) =>
        string.IsNullOrEmpty(e164) || e164.Length < 4 ? "" : new string('•', e164.Length - 3) + e164[^2..];
}
