using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>A person enrols an authenticator app: a secret to scan, then its first code (<see cref="AccountFlow"/>).</summary>
internal sealed class AuthenticatorEnrollment(UnitOfWork work, AccountFlow flow, SecondFactors secondFactors)
{
    public (string Secret, string Uri) StartAuthenticatorEnrollment(Caller caller, SessionInfo session) => work.Write(change =>
    {
        var person = AccountFlow.PersonOf(change.Store, session);
        if (person.AuthenticatorSecret is not null)
            throw new ConnectException(ErrorReason.AuthenticatorAlreadyEnrolled, "An authenticator app is already enrolled; remove it first.");
        var enrollment = secondFactors.StartEnrollment(person);
        flow.Save(change, caller, session, person, AuditActions.PersonAuthenticatorEnrollmentStarted, []);
        return enrollment;
    });

    public Person ConfirmAuthenticatorEnrollment(Caller caller, SessionInfo session, string? code) => work.Write(change =>
    {
        var person = AccountFlow.PersonOf(change.Store, session);
        if (person.AuthenticatorSecret is not null)
            throw new ConnectException(ErrorReason.AuthenticatorAlreadyEnrolled, "An authenticator app is already enrolled.");
        if (person.PendingAuthenticatorSecret is null)
            throw new ConnectException(ErrorReason.SecondFactorUnavailable, "No enrollment is waiting for its first code; start again.");
        if (!secondFactors.ConfirmEnrollment(person, code)) throw AccountFlow.WrongCode("code");
        flow.Save(change, caller, session, person, AuditActions.PersonAuthenticatorEnrolled, []);
        return person;
    });
}
