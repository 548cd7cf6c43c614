using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>The status code of each reason, in one table.</summary>
internal static class ErrorStatus
{
    /// <summary>The wire name of a reason: the proto value's name without its prefix, e.g. <c>ACCESS_CODE_INVALID</c>.</summary>
    public static string ReasonName(ErrorReason reason) => Domain.WireNames.Of(reason);

    public static StatusCode CodeOf(ErrorReason reason) => reason switch
    {
        ErrorReason.FieldInvalid or ErrorReason.CodeInvalid or ErrorReason.PhoneNumberInvalid or ErrorReason.PhoneCountryNotAllowed
            or ErrorReason.PasswordTooShort or ErrorReason.PasswordTooLong or ErrorReason.PasswordTooCommon
            or ErrorReason.PasswordIncorrect or ErrorReason.TopicNotFound or ErrorReason.PageTokenInvalid
            or ErrorReason.TopicNotAllowed or ErrorReason.ImportInvalid or ErrorReason.ImportTooLarge
            or ErrorReason.ImportEncodingInvalid or ErrorReason.TimeRangeInvalid or ErrorReason.RequestInvalid or ErrorReason.PasskeyInvalid => StatusCode.InvalidArgument,
        ErrorReason.SessionRequired or ErrorReason.SessionInvalid or ErrorReason.SignInFailed
            or ErrorReason.ApplicationCredentialsInvalid or ErrorReason.AccessTokenInvalid => StatusCode.Unauthenticated,
        ErrorReason.OperatorRequired or ErrorReason.AdministratorRequired or ErrorReason.ScopeNotGranted => StatusCode.PermissionDenied,
        ErrorReason.AccessCodeInvalid or ErrorReason.RegistrationNotFound or ErrorReason.OrganizationNotFound
            or ErrorReason.InvitationNotFound or ErrorReason.SignInNotFound or ErrorReason.SessionNotFound
            or ErrorReason.PersonNotFound or ErrorReason.MemberNotFound or ErrorReason.ActivationCodeInvalid
            or ErrorReason.ApplicationNotFound or ErrorReason.MembershipInvitationNotFound or ErrorReason.PasskeyNotFound => StatusCode.NotFound,
        ErrorReason.AccessCodeExpired or ErrorReason.RegistrationExpired or ErrorReason.RegistrationStepInvalid
            or ErrorReason.CodeExpired or ErrorReason.TooManyAttempts or ErrorReason.AlreadyMember
            or ErrorReason.InvitationNotPending or ErrorReason.SignInExpired or ErrorReason.SignInStepInvalid
            or ErrorReason.SecondFactorUnavailable or ErrorReason.AuthenticatorAlreadyEnrolled or ErrorReason.LastAdministrator
            or ErrorReason.MemberStateInvalid or ErrorReason.PersonRemoved or ErrorReason.PersonInOtherOrganizations or ErrorReason.ActivationCodeExpired
            or ErrorReason.OrganizationSuspended or ErrorReason.PostalAddressMissing or ErrorReason.TopicRetired
            or ErrorReason.ActivationNotPending or ErrorReason.FundOrganizationProtected or ErrorReason.OrganizationStateInvalid
            or ErrorReason.ExportTooLarge or ErrorReason.ApplicationRevoked or ErrorReason.ApplicationLimitReached
            or ErrorReason.PasskeyChallengeInvalid or ErrorReason.PasskeyLimitReached or ErrorReason.PasskeyRequired
            or ErrorReason.ApplicationKindInvalid => StatusCode.FailedPrecondition,
        ErrorReason.ResendTooSoon or ErrorReason.SendLimitReached or ErrorReason.SignInLocked
            or ErrorReason.RateLimited or ErrorReason.MessageTooLarge => StatusCode.ResourceExhausted,
        ErrorReason.AffiliateNumberTaken or ErrorReason.TopicExists or ErrorReason.PasskeyAlreadyRegistered => StatusCode.AlreadyExists,
        ErrorReason.EtagMismatch => StatusCode.Aborted,
        ErrorReason.Unavailable => StatusCode.Unavailable,
        _ => StatusCode.Internal,
    };
}
