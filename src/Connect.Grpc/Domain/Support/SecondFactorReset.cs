using System.Globalization;

namespace Connect.Grpc.Domain;

/// <summary>
/// The fund's help after a lost phone: the person's verified mobile number, authenticator app, recovery codes and passkeys
/// are removed, their credentials' version is raised (a sign-in or password reset in progress can no longer finish) and
/// every session ends. At the next sign-in the person must verify a new mobile number before a session is issued
/// (<see cref="SignInFlow"/>). The operator's reason goes to the audit log; the person is told by e-mail.
/// </summary>
internal sealed class SecondFactorReset(UnitOfWork work, TimeProvider time, Sessions sessions)
{
    /// <summary>Resets the person's second factors; returns how many sessions ended.</summary>
    public int Reset(OperatorPrincipal operatorCaller, string? personId, string? reason)
    {
        var why = Validate.Name("reason", reason, Validate.MaxReasonLength);
        var id = Validate.Token("person_id", personId, Connect.V1.ErrorReason.PersonNotFound);
        return work.Write(change =>
        {
            var w = change.Store;
            var person = PersonSupport.Load(w, id);
            var passkeys = w.PasskeysOfPerson(person.Id);
            var details = new Dictionary<string, string>
            {
                ["reason"] = why,
                ["phone_number"] = MobileNumbers.Mask(person.PhoneNumber),
                ["authenticator"] = person.AuthenticatorSecret is null ? "false" : "true",
                ["recovery_codes"] = person.RecoveryCodeHashes.Count.ToString(CultureInfo.InvariantCulture),
                ["passkeys"] = passkeys.Count.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var passkey in passkeys) w.Delete<Passkey>(passkey.Id);
            person.PendingPasskeyOptions = null;
            person.PendingPasskeyExpiresAt = null;
            // A passkey policy lets the person sign in once more without a passkey, to add a new one.
            person.PasskeyGraceUsedAt = null;
            person.PhoneNumber = "";
            person.PendingPhoneNumber = null;
            SecondFactors.RemoveAuthenticator(person);
            person.RecoveryCodeHashes = [];
            person.PhoneNumberRequired = true;
            person.CredentialVersion++;
            person.UpdatedAt = time.UtcNow();
            w.Update(person);
            var count = sessions.RevokeAll(w, person.Id);
            details["ended_sessions"] = count.ToString(CultureInfo.InvariantCulture);
            change.Audit(operatorCaller, AuditActions.PersonSecondFactorReset, null, "person", person.Id, details);
            change.Send(new AccountChangedEmail(person.Email, person.Language, AccountChange.SecondFactorReset, person.UpdatedAt));
            return count;
        });
    }
}
