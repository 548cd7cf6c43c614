using Connect.Grpc.Security;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// Step 4 of <see cref="RegistrationFlow"/> for a person whose verified address is already known: their password,
/// then an SMS code to their verified number; the finish gives them a membership.
/// </summary>
internal sealed class RegistrationExistingPersonStep(
    IStore store,
    UnitOfWork work,
    TimeProvider time,
    RegistrationFlow flow,
    PasswordHasher passwordHasher)
{
    public async Task<(Registration Registration, DateTime NextResend)> ConfirmExistingPerson(Caller caller, string? token, string? password,
        CancellationToken cancellationToken)
    {
        password = PasswordPolicy.Typed("password", password, ErrorReason.PasswordIncorrect);
        var registration = store.Read(r => flow.Load(r, token, RegistrationStep.EmailVerified));
        if (registration.ExistingPersonId is null) throw RegistrationFlow.StepInvalid(registration);
        var person = store.Read(r => r.Get<Person>(registration.ExistingPersonId))
            ?? throw new ConnectException(ErrorReason.RegistrationNotFound, "The registration is unknown.");
        RegistrationFlow.EnsureNotMember(store, person.Id, registration.OrganizationId);
        // After the fund reset their second factor, a person has no number to send the code to: a sign-in verifies a new one first.
        if (person.PhoneNumberRequired)
            throw new ConnectException(ErrorReason.SecondFactorUnavailable, "Sign in first to verify a new mobile number, then use the access code.");
        var correct = await passwordHasher.VerifyAsync(person.PasswordHash, password, cancellationToken);
        return work.Write(change =>
        {
            var current = flow.Load(change.Store, token, RegistrationStep.EmailVerified);
            if (!correct)
            {
                current.PasswordFailures++;
                var dead = current.PasswordFailures >= RegistrationFlow.MaxPasswordFailures;
                if (dead) current.ExpiresAt = time.UtcNow();
                RegistrationFlow.Save(change, caller, current, AuditActions.RegistrationPasswordFailed,
                    new() { ["failures"] = current.PasswordFailures.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                return change.Refuse<(Registration, DateTime)>(dead
                    ? new ConnectException(ErrorReason.TooManyAttempts, "Too many wrong passwords; start again with the access code.")
                    : ConnectException.Field("password", "is not this account's password", ErrorReason.PasswordIncorrect));
            }
            current.PhoneNumber = person.PhoneNumber;
            return (current, flow.SendPhoneCode(change, caller, current, AuditActions.RegistrationExistingPersonConfirmed));
        });
    }
}
