using System.Reflection;

namespace Connect.Grpc.Domain;

/// <summary>
/// Every audit action Connect records, in one place: flows name an action only from here, and the console has a text for
/// each (a test checks every language). The value is the wire name in <c>AuditEvent.action</c> (family, dot, verb), which
/// clients filter on and the console translates under <c>Audit.&lt;action&gt;</c>: a value never changes once shipped.
/// </summary>
public static class AuditActions
{
    public const string ApplicationCreated = "application.created";
    public const string ApplicationRevoked = "application.revoked";
    public const string ApplicationSignInUpdated = "application.sign_in_updated";
    public const string ApplicationSecretRotated = "application.secret_rotated";
    public const string ApplicationTokenIssued = "application.token_issued";

    public const string InvitationCreated = "invitation.created";
    public const string InvitationRedeemed = "invitation.redeemed";
    public const string InvitationResent = "invitation.resent";
    public const string InvitationRevoked = "invitation.revoked";

    public const string MembershipAccepted = "membership.accepted";
    public const string MembershipActivated = "membership.activated";
    public const string MembershipActivationSent = "membership.activation_sent";
    public const string MembershipCancelled = "membership.cancelled";
    public const string MembershipCreated = "membership.created";
    public const string MembershipDeactivated = "membership.deactivated";
    public const string MembershipDeclined = "membership.declined";
    public const string MembershipPhoneChangeStarted = "membership.phone_change_started";
    public const string MembershipPhoneChanged = "membership.phone_changed";
    public const string MembershipPhoneCodeFailed = "membership.phone_code_failed";
    public const string MembershipPhoneCodeSent = "membership.phone_code_sent";
    public const string MembershipPhoneVerified = "membership.phone_verified";
    public const string MembershipReactivated = "membership.reactivated";
    public const string MembershipUpdated = "membership.updated";

    public const string OrganizationCreated = "organization.created";
    public const string OrganizationReopened = "organization.reopened";
    public const string OrganizationSuspended = "organization.suspended";
    public const string OrganizationUpdated = "organization.updated";

    public const string PasswordResetRequestedUnknownAddress = "password_reset.requested_unknown_address";

    public const string PersonActivated = "person.activated";
    public const string PersonActivationResent = "person.activation_resent";
    public const string PersonAuthenticatorEnrolled = "person.authenticator_enrolled";
    public const string PersonAuthenticatorEnrollmentStarted = "person.authenticator_enrollment_started";
    public const string PersonAuthenticatorRemoved = "person.authenticator_removed";
    public const string PersonCreated = "person.created";
    public const string PersonInvited = "person.invited";
    public const string PersonMembershipDeclined = "person.membership_declined";
    public const string PersonPasskeyAdded = "person.passkey_added";
    public const string PersonPasskeyRemoved = "person.passkey_removed";
    public const string PersonPasswordChanged = "person.password_changed";
    public const string PersonPasswordCheckFailed = "person.password_check_failed";
    public const string PersonPasswordRehashed = "person.password_rehashed";
    public const string PersonPasswordReset = "person.password_reset";
    public const string PersonPasswordResetCodeVerified = "person.password_reset_code_verified";
    public const string PersonPasswordResetRequested = "person.password_reset_requested";
    public const string PersonPasswordVerified = "person.password_verified";
    public const string PersonPhoneChangeStarted = "person.phone_change_started";
    public const string PersonPhoneChanged = "person.phone_changed";
    public const string PersonPhoneEnrolled = "person.phone_enrolled";
    public const string PersonProfileChanged = "person.profile_changed";
    public const string PersonRecoveryCodeUsed = "person.recovery_code_used";
    public const string PersonRecoveryCodesCreated = "person.recovery_codes_created";
    public const string PersonRemoved = "person.removed";
    public const string PersonSecondFactorReset = "person.second_factor_reset";
    public const string PersonSignInCodeSent = "person.sign_in_code_sent";
    public const string PersonSignInFailed = "person.sign_in_failed";
    public const string PersonSignInLockLifted = "person.sign_in_lock_lifted";
    public const string PersonSignInRefused = "person.sign_in_refused";
    public const string PersonSignedOutEverywhere = "person.signed_out_everywhere";

    public const string RegistrationEmailCodeFailed = "registration.email_code_failed";
    public const string RegistrationEmailCodeResent = "registration.email_code_resent";
    public const string RegistrationEmailSubmitted = "registration.email_submitted";
    public const string RegistrationEmailVerified = "registration.email_verified";
    public const string RegistrationExistingPersonConfirmed = "registration.existing_person_confirmed";
    public const string RegistrationFinished = "registration.finished";
    public const string RegistrationPasswordFailed = "registration.password_failed";
    public const string RegistrationPhoneCodeFailed = "registration.phone_code_failed";
    public const string RegistrationPhoneCodeSent = "registration.phone_code_sent";
    public const string RegistrationPhoneVerified = "registration.phone_verified";
    public const string RegistrationProfileCompleted = "registration.profile_completed";
    public const string RegistrationStarted = "registration.started";

    public const string SessionCreated = "session.created";
    public const string SessionEnded = "session.ended";

    public const string SignInFailedUnknownAddress = "sign_in.failed_unknown_address";

    public const string TopicCreated = "topic.created";
    public const string TopicRenamed = "topic.renamed";
    public const string TopicRetired = "topic.retired";

    /// <summary>Every action above.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
}
