using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// A person removes their authenticator app, proving the password and a code of the app or a recovery code
/// (<see cref="AccountFlow"/>); a wrong code counts towards the sign-in lock.
/// </summary>
internal sealed class AuthenticatorRemoval(UnitOfWork work, TimeProvider time, AccountFlow flow, SignInLocks locks, SecondFactors secondFactors)
{
    public async Task<Person> RemoveAuthenticator(Caller caller, SessionInfo session, string? password, SecondFactorKind factor, string? code,
        CancellationToken cancellationToken)
    {
        if (factor == SecondFactorKind.Sms) throw ConnectException.Field("factor", "must be an authenticator code or a recovery code");
        await flow.Reauthenticate(caller, session, "password", password, cancellationToken);
        return work.Write(change =>
        {
            var person = AccountFlow.PersonOf(change.Store, session);
            if (person.AuthenticatorSecret is null)
                throw new ConnectException(ErrorReason.SecondFactorUnavailable, "No authenticator app is enrolled.");
            var right = factor == SecondFactorKind.Authenticator
                ? secondFactors.UseAuthenticatorCode(person, code)
                : secondFactors.UseRecoveryCode(person, code);
            if (!right)
            {
                var locked = locks.RecordFailure(change.Store, person.Email);
                return change.Refuse<Person>(locked ?? AccountFlow.WrongCode(factor == SecondFactorKind.Authenticator ? "authenticator_code" : "recovery_code"));
            }
            SecondFactors.RemoveAuthenticator(person);
            flow.Save(change, caller, session, person, AuditActions.PersonAuthenticatorRemoved,
                new() { ["with"] = factor == SecondFactorKind.Authenticator ? "authenticator_code" : "recovery_code" });
            change.Send(new AccountChangedEmail(person.Email, person.Language, AccountChange.AuthenticatorRemoved, time.UtcNow()));
            return person;
        });
    }
}
