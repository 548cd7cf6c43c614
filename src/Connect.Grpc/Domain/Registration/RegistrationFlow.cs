using Connect.Grpc.Security;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// The registration of an organisation's administrator (the guide's page 1), one step per class on a
/// server-held registration:
/// <list type="number">
/// <item><see cref="RegistrationAccessCodeStep"/>: the access code starts a registration.</item>
/// <item><see cref="RegistrationEmailStep"/>: the e-mail address, and its code sent (and sent again).</item>
/// <item><see cref="RegistrationEmailCodeStep"/>: the e-mailed code, or the e-mailed link.</item>
/// <item><see cref="RegistrationProfileStep"/>: names and password; or, for a person whose verified address is
/// already known, <see cref="RegistrationExistingPersonStep"/>: their password, and an SMS code to their verified number.</item>
/// <item><see cref="RegistrationPhoneStep"/>: the mobile number, and its code sent.</item>
/// <item><see cref="RegistrationPhoneCodeStep"/>: the SMS code.</item>
/// <item><see cref="RegistrationFinishStep"/>: the person, the membership and a session.</item>
/// </list>
/// The access code is used up only by the finish, so an abandoned or failed registration leaves the invitation
/// usable. This class holds what the steps share.
/// </summary>
internal sealed class RegistrationFlow(
    IStore store,
    TimeProvider time,
    CodeChallenges challenges,
    Invitations invitations)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);
    public const int MaxPasswordFailures = 5;

    public Registration Get(string? token) => store.Read(r => Load(r, token));

    /// <summary>Checks an e-mailed or SMS code; a wrong one is recorded on the registration with <paramref name="failedAction"/>.</summary>
    public ConnectException? CheckCode(Change change, Caller caller, Registration registration, ChallengePurpose purpose, string? code, string failedAction)
    {
        var error = challenges.Verify(change.Store, purpose, registration.Id, code);
        if (error is not null) Save(change, caller, registration, failedAction, new() { ["reason"] = ReasonName(error) });
        return error;
    }

    public DateTime SendPhoneCode(Change change, Caller caller, Registration registration, string action)
    {
        var (code, next) = challenges.Issue(change.Store, ChallengePurpose.RegistrationPhone, registration.Id, registration.PhoneNumber!);
        registration.Step = RegistrationStep.PhoneCodeSent;
        change.Send(new PhoneCodeSms(registration.PhoneNumber!, registration.Language, code));
        Save(change, caller, registration, action, new() { ["phone_number"] = MobileNumbers.Mask(registration.PhoneNumber) });
        return next;
    }

    /// <summary>The live registration of a token, at one of the expected steps (none given: any step).</summary>
    public Registration Load(IStoreReader reader, string? token, params RegistrationStep[] expected)
    {
        var value = Validate.Token("registration_token", token, ErrorReason.RegistrationNotFound);
        var hash = Secrets.HashToken(value);
        var registration = reader.RegistrationByTokenHash(hash)
            ?? throw new ConnectException(ErrorReason.RegistrationNotFound, "The registration is unknown.");
        if (registration.Step != RegistrationStep.Finished) EnsureAlive(reader, registration);
        if (expected.Length > 0 && !expected.Contains(registration.Step)) throw StepInvalid(registration);
        return registration;
    }

    /// <summary>A suspended organisation takes no new administrator; the code stays valid for when it is reopened.</summary>
    public static void RequireNotSuspended(Organization organization)
    {
        if (organization.Suspended)
            throw new ConnectException(ErrorReason.OrganizationSuspended, "The organisation is suspended by the fund; call the fund's support.");
    }

    public void EnsureAlive(IStoreReader reader, Registration registration)
    {
        if (time.UtcNow() >= registration.ExpiresAt)
            throw new ConnectException(ErrorReason.RegistrationExpired, "The registration has expired; start again with the access code.");
        var invitation = reader.Get<Invitation>(registration.InvitationId)
            ?? throw new ConnectException(ErrorReason.AccessCodeInvalid, "The access code is not valid.");
        invitations.EnsureUsable(invitation);
    }

    public static void EnsureNotMember(IStore store, string personId, string organizationId) =>
        store.Read(r => { EnsureNotMember(r, personId, organizationId); return 0; });

    public static void EnsureNotMember(IStoreReader reader, string personId, string organizationId)
    {
        if (reader.MembershipsOfPerson(personId)
            .Any(m => m.OrganizationId == organizationId && m.State is MembershipState.Active or MembershipState.PendingActivation or MembershipState.PendingPhone))
        {
            throw new ConnectException(ErrorReason.AlreadyMember, "The person is already a member of this organisation.");
        }
    }

    public static ConnectException StepInvalid(Registration registration) =>
        new(ErrorReason.RegistrationStepInvalid, $"The registration is at step {registration.Step}.")
        {
            Metadata = new Dictionary<string, string> { ["step"] = registration.Step.ToString() },
        };

    /// <summary>Saves the registration and its audit event in the same write; every change of a registration goes through here.</summary>
    public static void Save(Change change, Caller caller, Registration registration, string action, Dictionary<string, string> details)
    {
        change.Store.Update(registration);
        change.Audit(caller, action, registration.OrganizationId, "registration", registration.Id, details);
    }

    private static string ReasonName(ConnectException error) => WireNames.Of(error.Reason);
}
